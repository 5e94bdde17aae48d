#!/usr/bin/env bash
# bootstrap.sh - installs everything rtm's build and tests need on Debian 12,
# as root. A no-op (no network) when everything is already there.
#
#   Debian packages  cmake, gcc, mingw-w64, wine, wine64, libcmocka-dev,
#                    dpkg-dev (for apt-get source), valgrind (memcheck tests),
#                    clang and libclang-rt-14-dev (libFuzzer, for fuzz/)
#   CMocka source    Debian's own source package, unpacked in
#                    /opt/rtm-deps/cmocka (cross-built for Windows by the build;
#                    needs a deb-src entry, which this script adds if missing)
#   32-bit Wine      ../shared/tools/setup-wine32.sh (a private Wine under
#                    /opt/wine32 for the i686 tests), when that script exists
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
deps=/opt/rtm-deps
packages=(cmake make gcc mingw-w64 wine wine64 libcmocka-dev dpkg-dev valgrind clang
          libclang-rt-14-dev)

if [ "$(id -u)" != 0 ]; then
    echo "bootstrap: run as root (it installs Debian packages)" >&2
    exit 1
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

have_deb_src() {
    grep -rqsE '^(deb-src[[:space:]]|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/
}

updated=0
apt_update() {
    if [ $updated = 0 ]; then
        apt-get update -q >/dev/null
        updated=1
    fi
}

if [ ${#missing[@]} -gt 0 ]; then
    echo "bootstrap: installing ${missing[*]}"
    apt_update
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f "$deps/cmocka/include/cmocka.h" ]; then
    if ! have_deb_src; then
        echo "bootstrap: adding Debian's deb-src entry (for apt-get source cmocka)"
        cat > /etc/apt/sources.list.d/rtm-deb-src.sources <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
        updated=0
    fi
    apt_update
    echo "bootstrap: fetching Debian's cmocka source package into $deps"
    mkdir -p "$deps"
    rm -rf "$deps"/cmocka "$deps"/cmocka-[0-9]*
    (cd "$deps" && apt-get source -q -o APT::Sandbox::User=root cmocka >/dev/null 2>&1)
    src=$(find "$deps" -maxdepth 1 -type d -name 'cmocka-[0-9]*' | head -n 1)
    [ -n "$src" ] || { echo "bootstrap: apt-get source cmocka failed" >&2; exit 1; }
    ln -sfn "$src" "$deps/cmocka"
fi

wine32_setup="$here/../../shared/tools/setup-wine32.sh"
if [ -x /opt/wine32/bin/wine32 ] && [ -f /opt/wine32/.stamp ]; then
    :
elif [ -f "$wine32_setup" ]; then
    echo "bootstrap: setting up the private 32-bit Wine"
    bash "$wine32_setup" >/dev/null
else
    echo "bootstrap: $wine32_setup not found: i686 tests will be built but not run" >&2
fi
