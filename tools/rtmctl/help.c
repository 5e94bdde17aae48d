/*
 * help.c - the usage text (help.h) and the "help" command.
 *
 * The text is also the source of the manual page, rtmctl(1): the build runs
 * help2man on `rtmctl --help` (ManPage.cmake), so it keeps help2man's
 * layout. "Usage:" and "  or:" lines make the SYNOPSIS, and the line after
 * them the NAME; a heading is a line at the left margin ending in ":" with
 * indented lines under it ("Options:", "Environment:" and "Examples:" are
 * help2man's sections, the others become sections of their name); an entry
 * has its name indented by two or four, its text in column 23 (on its line
 * after two spaces or more, or on the next); a paragraph under a heading is
 * indented by two, with a blank line before the entries that follow it.
 * tests/rtmctl/ManCheck.cmake checks that the page has every command.
 */
#include "help.h"
#include "commands.h"

static const char help_text[] =
    "Usage: rtmctl [-e COMMAND]... [-f SCRIPT]... [COMMAND [ARG...]]\n"
    "  or:  rtmctl --help | --version\n"
    "Load, query and change a routing table on the rtm library (RTMv2, RTMv1).\n"
    "\n"
    "rtmctl is a routing table in one process: its protocol entities add routes\n"
    "to the rtm library (RTMv2, the Routing Table Manager) through its public API,\n"
    "and its commands query and change them. The table lives as long as the\n"
    "process: give several commands with -e, or a script with -f. The options run\n"
    "in the order given, then COMMAND. Its v1 commands keep routes in RTMv1's\n"
    "tables (rtm.h: IP and IPX), which are apart from RTMv2's.\n"
    "\n"
    "Options:\n"
    "  -e COMMAND          run one command (quoted: -e 'lookup 192.0.2.1')\n"
    "  -f SCRIPT           run the commands of a file, one per line (\"-\": stdin);\n"
    "                      \"#\" starts a comment; a command that fails does not\n"
    "                      stop it\n"
    "  -h, --help          print this text\n"
    "  --version           print the version\n"
    "\n"
    "Commands:\n"
    "  load [OPTIONS] FILE [[OPTIONS] FILE]...\n"
    "                      load each FILE (\"-\": stdin) as the routes of one\n"
    "                      protocol entity; the options before a file apply to it:\n"
    "    --proto ID        the entity, 1 to 4294967294 (default: a new one)\n"
    "    --pref N          preference of its routes, lower is better (default 100)\n"
    "    --view V          views of its routes: ucast, mcast or both (default)\n"
    "    --name NAME       its name (default: the file's name without extension)\n"
    "    --format F        auto (default: from the first line), plain, asn or ip\n"
    "  add route --proto ID [--pref N] [--view V] [--name NAME] ROUTE\n"
    "                      add a route given in `ip route` syntax, as in\n"
    "                      10.0.0.0/8 via 192.0.2.1 metric 5\n"
    "  delete route PREFIX [--proto ID]\n"
    "                      delete the routes to exactly PREFIX (only the\n"
    "                      entity's, with --proto)\n"
    "  delete entity ID    deregister the entity: its routes and next hops are\n"
    "                      deleted\n"
    "  show dests|routes|nexthops [PREFIX] [limit N]\n"
    "                      destinations and their best routes, every route (*\n"
    "                      marks the best in a view), or the next hops; only\n"
    "                      PREFIX and the prefixes it covers; at most N rows\n"
    "  show entities       the protocol entities: preference, views, routes, next\n"
    "                      hops, files\n"
    "  add v1 ip PREFIX [via ADDR] [dev NAME] [metric N] [proto ID] [ttl S]\n"
    "                      add a route to RTMv1's IP table (rtm.h) as protocol ID\n"
    "                      (default 3, PROTO_IP_NETMGMT), expiring after S\n"
    "                      seconds (default never)\n"
    "  add v1 ipx NETWORK [via MAC] [dev NAME] [ticks N] [hops N] [proto ID] [ttl S]\n"
    "                      the same in RTMv1's IPX table (default protocol 2,\n"
    "                      IPX_PROTOCOL_STATIC): NETWORK is one to eight hex\n"
    "                      digits, MAC six hex pairs (02:00:00:00:00:01)\n"
    "  delete v1 ip|ipx NETWORK [via NEXTHOP] [dev NAME] [proto ID]\n"
    "                      delete that RTMv1 route of protocol ID (default as\n"
    "                      for add v1)\n"
    "  show v1 ip|ipx [limit N]\n"
    "                      the routes of an RTMv1 table (* marks each network's\n"
    "                      best route); at most N rows\n"
    "  lookup ADDR...      longest match in each view: destination, best route,\n"
    "                      next hops\n"
    "  stats               table sizes, best routes per entity, prefix lengths,\n"
    "                      library objects, memory, load time\n"
    "  watch [ucast|mcast]\n"
    "                      start following the best routes of a view (default\n"
    "                      ucast)\n"
    "  changes [limit N]   the best routes that changed since watch or the last\n"
    "                      changes\n"
    "  echo [TEXT...]      print TEXT\n"
    "  help                print this text\n"
    "\n"
    "File formats:\n"
    "  One route per line, in the format --format names, or else the one the\n"
    "  first route line shows; blank lines and # comments are skipped. A prefix\n"
    "  without /LEN is a host route; a route without a next hop is on-link. A bad\n"
    "  line is reported as FILE:LINE: message, and skipped.\n"
    "\n"
    "  plain               PREFIX[/LEN] [NEXTHOP] [METRIC], IPv4 or IPv6:\n"
    "                      10.0.0.0/8 192.0.2.1 20, 2001:db8::/32 2001:db8::1\n"
    "  asn                 START,END,ASN,ORGANISATION as in ip-location-db's\n"
    "                      asn-ipv4.csv: 1.0.0.0,1.0.0.255,13335,\"Cloudflare, Inc.\"\n"
    "                      Each range becomes its CIDR prefixes; the next hop is\n"
    "                      made from the AS number: 10.A.B.C from its low 24 bits\n"
    "                      (AS13335: 10.0.52.23), and 2001:db8:: with its decimal\n"
    "                      digits (AS13335: 2001:db8::1:3335).\n"
    "  ip                  the output of `ip route` and `ip -6 route`, multipath\n"
    "                      routes too: default via 192.0.2.1 dev eth0 metric 100,\n"
    "                      blackhole 198.51.100.0/24\n"
    "\n"
    "Addresses:\n"
    "  IPv4 addresses are four decimal numbers without leading zeros (192.0.2.1);\n"
    "  IPv6 ones are RFC 4291 text (2001:db8::1, ::ffff:192.0.2.1) without a zone\n"
    "  (%eth0). rtmctl reads them with the system's inet_pton and prints them with\n"
    "  its inet_ntop, as RFC 5952 asks: in lower case, the longest run of zero\n"
    "  groups as \"::\", and a dotted quad only in IPv4-mapped addresses.\n"
    "\n"
    "Exit status:\n"
    "  0                   every command succeeded\n"
    "  1                   a command failed (a load with bad lines included)\n"
    "  2                   a usage error: a bad option or command\n"
    "\n"
    "Environment:\n"
    "  RTM_DEBUG           the rtm library's trace to standard error: channels\n"
    "                      api, handles, locks, notify and leaks, separated by\n"
    "                      commas, or all\n"
    "  RTM_DEBUG_FILE      a file for the trace instead\n"
    "\n"
    "Examples:\n"
    "  rtmctl load --pref 20 asn.csv\n"
    "                      check a file: its summary, bad lines and load time\n"
    "  rtmctl -e 'load asn.csv' -e 'lookup 8.8.8.8 2400:cb00:123::1'\n"
    "                      load a file, then look two addresses up\n"
    "  rtmctl -f demo.rtmctl\n"
    "                      run a script\n"
    "  ip route | rtmctl -e 'load -' -e stats\n"
    "                      load the system's routes from stdin, count them\n";

void ctl_print_help(FILE *out)
{
    fputs(help_text, out);
}

int ctl_cmd_help(struct ctl *ctl, int argc, char **argv)
{
    (void)ctl, (void)argc, (void)argv;
    ctl_print_help(stdout);
    return RTMCTL_OK;
}
