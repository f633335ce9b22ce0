#!/bin/busybox sh
# /init of the ZCP Linux test initramfs (built by tools/linux-fetch.sh).
/bin/busybox --install -s /bin
export PATH=/bin:/sbin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
echo "ZCPLINUX INIT"
echo "ZCPLINUX KERNEL $(uname -r)"
exec sh
