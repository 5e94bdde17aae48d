#!/usr/bin/env bash
# make-bundled-table.sh - regenerates the bundled routing table data/asn.csv
# from the @ip-location-db/asn npm package, and copies its licence files.
#
#   tools/make-bundled-table.sh [PACKAGE_DIR]
#
# PACKAGE_DIR is the unpacked package (default /opt/rtm-deps/ipdb/package;
# tools/fetch-table.sh DIR makes DIR/package). The subset is every 20th row
# (the 1st, 21st, 41st, ...) of asn-ipv4.csv, then of asn-ipv6.csv, unchanged:
# the rows are sorted by address, so every region, registry and many prefix
# lengths are in it. data/README.md says which package version it was made
# from.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
package=${1:-/opt/rtm-deps/ipdb/package}
data="$here/../data"
step=20

for f in asn-ipv4.csv asn-ipv6.csv package.json; do
    [ -f "$package/$f" ] || { echo "make-bundled-table: $package/$f not found" >&2; exit 1; }
done
{
    awk -v step=$step 'NR % step == 1' "$package/asn-ipv4.csv"
    awk -v step=$step 'NR % step == 1' "$package/asn-ipv6.csv"
} > "$data/asn.csv.tmp"
mv "$data/asn.csv.tmp" "$data/asn.csv"
for f in DBIP-LICENSE NRO_LICENSE ROUTEVIEWS-LICENSE MODIFICATIONS; do
    cp "$package/$f" "$data/$f"
done
version=$(sed -n 's/^ *"version": *"\(.*\)",*$/\1/p' "$package/package.json")
awk -F, -v version="$version" '$1 ~ /:/ { v6++ } $1 !~ /:/ { v4++ }
    END { printf "make-bundled-table: data/asn.csv from @ip-location-db/asn %s: " \
                 "%d IPv4 and %d IPv6 ranges\n", version, v4, v6 }' "$data/asn.csv"
