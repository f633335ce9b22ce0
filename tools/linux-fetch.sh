#!/bin/bash
# Fetch a stock Debian 12 s390x Linux kernel, busybox-static and s390-tools,
# unpack them under build/linux/ and build a small initramfs whose /init
# (busybox sh) prints markers and runs the guest checks (docs/linux-guest.md).
#
# Run as root (it adds the s390x architecture to dpkg and runs apt-get update).
# Cached: the packages are downloaded once; the initramfs is rebuilt when
# tools/linux-init.sh is newer.  Exit status 2: the packages cannot be had.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD
out=build/linux
pk=$out/debs
root=$out/root
mkdir -p "$pk"

if [ ! -f "$out/.unpacked2" ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "linux-fetch: run as root: sudo $0" >&2; exit 2
    fi
    export DEBIAN_FRONTEND=noninteractive
    if ! dpkg --print-foreign-architectures | grep -qx s390x; then
        dpkg --add-architecture s390x
    fi
    apt-get update -q >/dev/null || { echo "linux-fetch: apt-get update failed" >&2; exit 2; }
    # the 6.1 kernel flavour of Debian 12: the metapackage names the image package
    img=$(apt-cache depends linux-image-s390x:s390x 2>/dev/null |
          sed -n 's/.*Depends: \(linux-image-[0-9][^:]*-s390x\).*/\1/p' | head -1)
    [ -n "$img" ] || { echo "linux-fetch: no s390x kernel package" >&2; exit 2; }
    (cd "$pk" && apt-get download -q "$img:s390x" busybox-static:s390x \
        s390-tools:s390x libc6:s390x \
        libstdc++6:s390x libgcc-s1:s390x zlib1g:s390x) || { echo "linux-fetch: download failed" >&2; exit 2; }
    rm -rf "$out/pkg"; mkdir -p "$out/pkg"
    for d in "$pk"/*.deb; do dpkg-deb -x "$d" "$out/pkg"; done
    touch "$out/.unpacked2"
fi

# The kernel and the initrd change only by rename: tests run side by side
# (prove -j2) and a Hercules 3505 of one may be reading them while another
# test's fetch runs.  A copy in place truncated the kernel under such a
# reader, and the kernel LOADRDR put in the spool came out corrupt ("XZ-
# compressed data is corrupt" when it booted); a rename leaves an open
# file as it was.
kern=$(ls "$out"/pkg/boot/vmlinuz-* | head -1)
if ! cmp -s "$kern" "$out/kernel"; then
    cp "$kern" "$out/kernel.new"
    mv -f "$out/kernel.new" "$out/kernel"
fi

if [ ! -f "$out/initrd" ] || [ tools/linux-init.sh -nt "$out/initrd" ] || \
   [ "$0" -nt "$out/initrd" ]; then
    rm -rf "$root"
    mkdir -p "$root"/{bin,sbin,proc,sys,dev,tmp,lib,lib64,etc,mnt}
    cp "$out/pkg/bin/busybox" "$root/bin/busybox"
    for t in vmcp vmur; do
        f=$(find "$out/pkg" -name "$t" -type f | head -1)
        [ -n "$f" ] && cp "$f" "$root/sbin/$t"
    done
    # vmcp/vmur are dynamic: bring the s390x loader and the libraries they need
    ml=$out/pkg/lib/s390x-linux-gnu
    for l in ld64.so.1 libc.so.6 libm.so.6 libresolv.so.2; do
        [ -e "$ml/$l" ] && cp -L "$ml/$l" "$root/lib/"
    done
    [ -e "$out/pkg/lib/ld64.so.1" ] && cp -L "$out/pkg/lib/ld64.so.1" "$root/lib/ld64.so.1"
    for b in "$root"/sbin/*; do
        for n in $(s390x-linux-gnu-readelf -d "$b" 2>/dev/null |
                   sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'); do
            [ -e "$root/lib/$n" ] && continue
            f=$(find "$out/pkg" -name "$n" | head -1)
            [ -n "$f" ] && cp -L "$f" "$root/lib/$n"
        done
    done
    # the modules the checks load (vmur, the DASD DIAG discipline)
    md=$(ls -d "$out"/pkg/lib/modules/* | head -1)
    mkdir -p "$root/lib/modules"
    for m in drivers/s390/char/vmur.ko drivers/s390/block/dasd_mod.ko \
             drivers/s390/block/dasd_diag_mod.ko \
             drivers/s390/block/dasd_eckd_mod.ko \
             drivers/watchdog/watchdog.ko drivers/watchdog/diag288_wdt.ko; do
        [ -e "$md/kernel/$m" ] && cp "$md/kernel/$m" "$root/lib/modules/"
    done
    # vmur -t (EBCDIC <-> ASCII text) converts with iconv: glibc's IBM037 module
    gc=$out/pkg/usr/lib/s390x-linux-gnu/gconv
    if [ -e "$gc/IBM037.so" ]; then
        mkdir -p "$root/usr/lib/s390x-linux-gnu/gconv"
        cp "$gc/gconv-modules.cache" "$gc/IBM037.so" "$gc/ISO8859-1.so" "$root/usr/lib/s390x-linux-gnu/gconv/"
    fi
    cp tools/linux-init.sh "$root/init"; chmod +x "$root/init"
    python3 tools/mkcpio.py "$root" "$out/initrd.new"
    mv -f "$out/initrd.new" "$out/initrd"
fi
ls -l "$out/kernel" "$out/initrd"
