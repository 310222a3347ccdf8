#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# mkinitrd.sh OUT.gz: busybox initramfs that prints /proc/iomem between markers on the
# console, then powers off. The kernel's log is read from the console itself: with 1,000+
# e820 entries early boot overflows the ring buffer that dmesg would read.
set -eu
out=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/bin" "$dir/proc" "$dir/sys" "$dir/dev"
cp /bin/busybox "$dir/bin/busybox"
cat > "$dir/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
echo "===IOMEM-BEGIN"
cat /proc/iomem
echo "===IOMEM-END"
stty "$(stty -g)"     # TCSADRAIN: poweroff -f does not wait for the UART to send the tail
poweroff -f
INIT
chmod +x "$dir/init"
(cd "$dir" && find . | cpio -o -H newc 2>/dev/null) | gzip -9 > "$out"
