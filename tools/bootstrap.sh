#!/usr/bin/env bash
# bootstrap.sh - installs everything rtm's build and tests need on Debian 12,
# as root. A no-op (no network) when everything is already there.
#
#   Debian packages  cmake, gcc, mingw-w64, wine, wine64, libcmocka-dev,
#                    dpkg-dev (for apt-get source), valgrind (memcheck tests),
#                    clang and libclang-rt-14-dev (libFuzzer, for fuzz/),
#                    pkg-config (native.install builds a client with rtm.pc),
#                    help2man (rtmctl's manual page, rtmctl.1),
#                    python3 (fuzz/make_corpus.py, the fuzz.corpus test)
#   CMocka source    Debian's own source package, unpacked in
#                    /opt/rtm-deps/cmocka (cross-built for Windows by the build;
#                    needs a deb-src entry, which this script adds if missing,
#                    for the Debian mirror the machine's apt sources name)
#   32-bit Wine      for the i686 tests, the first of ../shared/tools/ that
#                    works on this machine:
#                      setup-wine32.sh     a private 32-bit Wine (/opt/wine32),
#                                          where the kernel runs 32-bit programs
#                      setup-wine-qemu.sh  a WoW64 Wine whose 32-bit processes
#                                          run under qemu-i386 (/opt/wine-qemu),
#                                          where it cannot
#                    Which one is recorded in /opt/rtm-deps/wine-i686.cmake, read
#                    by the build. When neither can be set up, that is said in
#                    one line and recorded: the i686 variant is still built and
#                    its tests that must run are reported by ctest as skipped.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
deps=/opt/rtm-deps
shared_tools="$here/../../shared/tools"
packages=(cmake make gcc mingw-w64 wine wine64 libcmocka-dev dpkg-dev valgrind clang
          libclang-rt-14-dev pkg-config help2man python3)

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

# The Debian mirror this machine's apt already uses (its first source whose
# path ends in /debian, security ones left out).
apt_mirror() {
    { grep -hoE '^URIs:[[:space:]]*[^[:space:]]+' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}'
      grep -hoE '^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?[^[:space:]]+' /etc/apt/sources.list 2>/dev/null | awk '{print $NF}'
    } | grep -v -e security | grep -E '/debian/?$' | sed -n 1p
    return 0
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
    DEBIAN_FRONTEND=noninteractive DEBCONF_NOWARNINGS=yes apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f "$deps/cmocka/include/cmocka.h" ]; then
    if ! have_deb_src; then
        mirror=$(apt_mirror)
        if [ -z "$mirror" ]; then
            echo "bootstrap: no Debian mirror in the apt sources, so no deb-src entry for cmocka's source" >&2
            exit 1
        fi
        echo "bootstrap: adding a deb-src entry for $mirror (for apt-get source cmocka)"
        cat > /etc/apt/sources.list.d/rtm-deb-src.sources <<SRC
Types: deb-src
URIs: $mirror
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

# The Wine for the i686 tests. record LOADER KIND NOTE writes what the build
# reads (cmake/RtmTesting.cmake); an empty LOADER means none, NOTE says why.
record="$deps/wine-i686.cmake"
record() {
    mkdir -p "$deps"
    cat > "$record" <<REC
# Written by tools/bootstrap.sh: the Wine that runs the i686 tests.
set(RTM_I686_WINE_RECORDED "$1")
set(RTM_I686_WINE_KIND "$2")
set(RTM_I686_WINE_NOTE "$3")
REC
}
wine32=/opt/wine32/bin/wine32
wineqemu=/opt/wine-qemu/bin/wine
log="$deps/wine-i686-setup.log"
mkdir -p "$deps"
if [ -x "$wine32" ] && [ -f /opt/wine32/.stamp ]; then
    record "$wine32" win32 "a private 32-bit Wine (setup-wine32.sh)"
elif [ -x "$wineqemu" ] && [ -f /opt/wine-qemu/.stamp ]; then
    record "$wineqemu" wow64 "WoW64 Wine, 32-bit processes under qemu-i386 (setup-wine-qemu.sh)"
elif [ ! -f "$shared_tools/setup-wine32.sh" ]; then
    echo "bootstrap: no 32-bit Wine: $shared_tools/setup-wine32.sh not found; the i686 tests that run programs will be skipped" >&2
    record "" none "$shared_tools/setup-wine32.sh not found"
else
    echo "bootstrap: setting up the private 32-bit Wine"
    status=0
    bash "$shared_tools/setup-wine32.sh" >"$log" 2>&1 || status=$?
    if [ $status = 0 ]; then
        record "$wine32" win32 "a private 32-bit Wine (setup-wine32.sh)"
    elif [ $status = 3 ] && [ -f "$shared_tools/setup-wine-qemu.sh" ]; then
        echo "bootstrap: this kernel runs no 32-bit programs: setting up Wine with qemu-i386 instead"
        status=0
        bash "$shared_tools/setup-wine-qemu.sh" >"$log" 2>&1 || status=$?
        if [ $status = 0 ]; then
            record "$wineqemu" wow64 "WoW64 Wine, 32-bit processes under qemu-i386 (setup-wine-qemu.sh)"
        else
            echo "bootstrap: no 32-bit Wine: setup-wine-qemu.sh failed ($status, see $log); the i686 tests that run programs will be skipped" >&2
            record "" none "setup-wine-qemu.sh failed with status $status (see $log)"
        fi
    else
        echo "bootstrap: no 32-bit Wine: setup-wine32.sh failed ($status, see $log); the i686 tests that run programs will be skipped" >&2
        record "" none "setup-wine32.sh failed with status $status (see $log)"
    fi
fi
