#!/usr/bin/env bash
# fetch-table.sh - fetches the full ASN table (about 565,000 IPv4 and
# 168,000 IPv6 prefixes once split), for the benchmarks:
#
#   tools/fetch-table.sh DIR [VERSION]
#
# runs `npm pack @ip-location-db/asn[@VERSION]` in DIR and unpacks it, so
# that DIR/package/asn-ipv4.csv and asn-ipv6.csv (rtmctl's asn format)
# exist. Does nothing when they are there already. Needs npm (Debian: npm).
# The data is CC BY 4.0 by RouteViews, DB-IP and the NRO: see data/README.md.
set -euo pipefail

dir=${1:?usage: tools/fetch-table.sh DIR [VERSION]}
spec=@ip-location-db/asn${2:+@$2}

if [ -f "$dir/package/asn-ipv4.csv" ] && [ -f "$dir/package/asn-ipv6.csv" ]; then
    exit 0
fi
command -v npm >/dev/null || { echo "fetch-table: npm not found (apt-get install npm)" >&2; exit 1; }
mkdir -p "$dir"
tarball=$(cd "$dir" && npm pack --silent "$spec" | tail -n 1)
tar -xzf "$dir/$tarball" -C "$dir"
echo "fetch-table: $spec unpacked in $dir/package"
