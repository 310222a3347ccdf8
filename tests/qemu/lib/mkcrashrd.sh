#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# mkcrashrd.sh DIR VMLINUZ: DIR/first.gz, the first kernel's initramfs (the kernel to load,
# build/kexec-e820, kexec-tools' kexec, DIR/kdump.gz), and DIR/kdump.gz, the kdump kernel's
# (makedumpfile). The first kernel picks its loader from "e820test=" on its command line.
set -eu
dir=$1 vmlinuz=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# root BINARY...: busybox, then each binary with the libraries ldd names
populate() {
	root=$1
	shift
	mkdir -p "$root/bin" "$root/proc" "$root/sys" "$root/dev" "$root/tmp"
	cp /bin/busybox "$root/bin/busybox"
	for b in "$@"; do
		cp "$b" "$root/bin/"
		ldd "$b" 2>/dev/null | grep -o '/[^ ]*' | while read -r lib; do
			mkdir -p "$root$(dirname "$lib")"
			cp -L "$lib" "$root$lib"
		done
	done
}

pack() { (cd "$1" && find . | cpio -o -H newc 2>/dev/null) | gzip -6 > "$2"; }

populate "$work/kdump" "$(command -v makedumpfile)"
cat > "$work/kdump/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t tmpfs tmpfs /tmp
echo "===KDUMP-UP"
echo "===KDUMP-IOMEM-BEGIN"
cat /proc/iomem
echo "===KDUMP-IOMEM-END"
echo "===VMCORE size=$(stat -c %s /proc/vmcore 2>/dev/null || echo none)"
makedumpfile -l -d 31 /proc/vmcore /tmp/dump > /tmp/makedumpfile.log 2>&1
rc=$?
tail -3 /tmp/makedumpfile.log
echo "===MAKEDUMPFILE rc=$rc size=$(stat -c %s /tmp/dump 2>/dev/null || echo none)"
poweroff -f
INIT
chmod +x "$work/kdump/init"
pack "$work/kdump" "$dir/kdump.gz"

populate "$work/first" build/kexec-e820 "$(command -v kexec)"
cp "$vmlinuz" "$work/first/vmlinuz"
cp "$dir/kdump.gz" "$work/first/kdump.gz"
cat > "$work/first/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mode=$(sed -n 's/.*e820test=\([a-z-]*\).*/\1/p' /proc/cmdline)
kdump="console=ttyS0 earlyprintk=serial,ttyS0 irqpoll nr_cpus=1 reset_devices panic=1"
echo "===FIRST-IOMEM-BEGIN"
cat /proc/iomem
echo "===FIRST-IOMEM-END"
[ "$mode" = ours ] && echo "===PREDICT-BEGIN" &&
	kexec-e820 -p /vmlinuz --initrd=/kdump.gz --append="$kdump" --print-e820 && echo "===PREDICT-END"
t0=$(cut -d' ' -f1 /proc/uptime)
case $mode in
ours) kexec-e820 -p /vmlinuz --initrd=/kdump.gz --append="$kdump"; rc=$? ;;
kexec-c) kexec -c -p /vmlinuz --initrd=/kdump.gz --append="$kdump"; rc=$? ;;
kexec-s) kexec -s -p /vmlinuz --initrd=/kdump.gz --append="$kdump"; rc=$? ;;
*) echo "no e820test= mode"; rc=1 ;;
esac
t1=$(cut -d' ' -f1 /proc/uptime)
[ "$mode" = ours ] && kexec-e820 --status
echo "===LOAD-SECONDS $t0 $t1"
echo "===LOADED rc=$rc crash_loaded=$(cat /sys/kernel/kexec_crash_loaded)"
echo "===CRASHING"
echo c > /proc/sysrq-trigger
INIT
chmod +x "$work/first/init"
pack "$work/first" "$dir/first.gz"
