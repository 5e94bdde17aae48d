/*
 * help.c - the usage text (help.h) and the "help" command.
 */
#include "help.h"
#include "commands.h"

static const char help_text[] =
    "usage: rtmctl [-e COMMAND]... [-f SCRIPT]... [COMMAND [ARG...]]\n"
    "       rtmctl --help | --version\n"
    "\n"
    "rtmctl is a routing table in one process: its protocol entities add routes\n"
    "to the rtm library (RTMv2, the Routing Table Manager) through its public API,\n"
    "and its commands query and change them. The table lives as long as the\n"
    "process: give several commands with -e, or a script with -f.\n"
    "\n"
    "Options (run in the order given, then COMMAND):\n"
    "  -e COMMAND    run one command (quoted: -e 'lookup 192.0.2.1')\n"
    "  -f SCRIPT     run the commands of a file, one per line (\"-\": stdin); \"#\"\n"
    "                starts a comment; a command that fails does not stop it\n"
    "  -h, --help    print this text\n"
    "  --version     print the version\n"
    "\n"
    "Commands:\n"
    "  load [OPTIONS] FILE [[OPTIONS] FILE]...\n"
    "      load each FILE (\"-\": stdin) as the routes of one protocol entity;\n"
    "      the options before a file apply to it:\n"
    "        --proto ID    the entity, 1 to 4294967294 (default: a new one)\n"
    "        --pref N      preference of its routes, lower is better (default 100)\n"
    "        --view V      views of its routes: ucast, mcast or both (default)\n"
    "        --name NAME   its name (default: the file's name without extension)\n"
    "        --format F    auto (default: from the first line), plain, asn or ip\n"
    "  add route --proto ID [--pref N] [--view V] [--name NAME] ROUTE\n"
    "      add a route given in `ip route` syntax: 10.0.0.0/8 via 192.0.2.1 metric 5\n"
    "  delete route PREFIX [--proto ID]\n"
    "      delete the routes to exactly PREFIX (only the entity's, with --proto)\n"
    "  delete entity ID\n"
    "      deregister the entity: its routes and next hops are deleted\n"
    "  show dests|routes|nexthops [PREFIX] [limit N]\n"
    "      destinations and their best routes, every route (* marks the best in\n"
    "      a view), or the next hops; only PREFIX and the prefixes it covers;\n"
    "      at most N rows\n"
    "  show entities\n"
    "      the protocol entities: preference, views, routes, next hops, files\n"
    "  lookup ADDR...\n"
    "      longest match in each view: destination, best route, next hops\n"
    "  stats\n"
    "      table sizes, best routes per entity, prefix lengths, library objects,\n      memory, load time\n"
    "  watch [ucast|mcast]\n"
    "      start following the best routes of a view (default ucast)\n"
    "  changes [limit N]\n"
    "      the best routes that changed since watch or the last changes\n"
    "  echo [TEXT...]    print TEXT\n"
    "  help              print this text\n"
    "\n"
    "File formats (one route per line; blank lines and # comments are skipped):\n"
    "  plain  PREFIX[/LEN] [NEXTHOP] [METRIC]\n"
    "             10.0.0.0/8 192.0.2.1 20\n"
    "             2001:db8::/32 2001:db8::1\n"
    "  asn    START,END,ASN,ORGANISATION, as in ip-location-db's asn-ipv4.csv\n"
    "             1.0.0.0,1.0.0.255,13335,\"Cloudflare, Inc.\"\n"
    "         each range becomes its CIDR prefixes; the next hop is made from the\n"
    "         AS number: 10.A.B.C from its low 24 bits (AS13335: 10.0.52.23), and\n"
    "         2001:db8:: with its decimal digits (AS13335: 2001:db8::1:3335)\n"
    "  ip     the output of `ip route` and `ip -6 route`, multipath routes too\n"
    "             default via 192.0.2.1 dev eth0 proto static metric 100\n"
    "             blackhole 198.51.100.0/24\n"
    "  A prefix without /LEN is a host route; a route without a next hop is\n"
    "  on-link. A bad line is reported as FILE:LINE: message, and skipped.\n"
    "\n"
    "Exit status: 0 when every command succeeded; 1 when a command failed (a\n"
    "load with bad lines included); 2 for a usage error (bad option or command).\n";

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
