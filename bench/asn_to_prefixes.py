#!/usr/bin/env python3
"""asn_to_prefixes.py - the prefix list of rtm_bench from the
ip-location-db ASN tables.

    asn_to_prefixes.py DIR OUT

DIR holds asn-ipv4.csv and asn-ipv6.csv (start,end,asn,organisation per
line, from the @ip-location-db/asn npm package). Each address range is
split into the CIDR prefixes that cover it exactly; duplicates are removed
and the prefixes sorted (IPv4, then IPv6). OUT gets one PREFIX/LEN per
line.
"""
import csv
import ipaddress
import os
import sys


def prefixes(path):
    found = set()
    with open(path, newline='', encoding='utf-8') as f:
        for line, row in enumerate(csv.reader(f), 1):
            try:
                start = ipaddress.ip_address(row[0])
                end = ipaddress.ip_address(row[1])
                found.update(ipaddress.summarize_address_range(start, end))
            except (IndexError, ValueError, TypeError) as e:
                print(f"{path}:{line}: skipped: {e}", file=sys.stderr)
    return sorted(found)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: asn_to_prefixes.py DIR OUT")
    src, out = sys.argv[1], sys.argv[2]
    v4 = prefixes(os.path.join(src, "asn-ipv4.csv"))
    v6 = prefixes(os.path.join(src, "asn-ipv6.csv"))
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="ascii") as f:
        f.write(f"# {len(v4)} IPv4 and {len(v6)} IPv6 prefixes from {src}\n")
        for net in v4 + v6:
            f.write(f"{net}\n")
    os.replace(tmp, out)
    print(f"{out}: {len(v4)} IPv4 and {len(v6)} IPv6 prefixes")


if __name__ == "__main__":
    main()
