#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# guest-image.sh [SUITE]: prints the directory of a cached Debian guest (bookworm, the default,
# or trixie) for the kdump-tools and package tests, building it once. The directory holds disk.img (ext4, made with mkfs.ext4 -d, no loop mount),
# vmlinuz and initrd.img (the guest's own kernel, booted by QEMU's -kernel), and root/ (the
# tree the image was made from, for chroot package tests). The cache key is the package list
# and this script: either changing gives a new image. A build is made in a temporary directory
# and renamed into place only when whole, so a failed build leaves nothing in the cache.
# E820_GUEST_MIRROR overrides the mirror taken from apt's own configuration.
set -eu
PACKAGES="systemd systemd-sysv udev kmod procps e2fsprogs linux-image-amd64 initramfs-tools
kdump-tools makedumpfile kexec-tools busybox file bsdextrautils"
SUITE=${1:-bookworm}
IMAGE_SIZE=3G           # the system is ~700 MB; the rest holds /var/crash
cache=${E820_CACHE:-/var/cache/e820-purgatory}
mkdir -p "$cache"
key=$(printf '%s\n' "$PACKAGES $SUITE $IMAGE_SIZE" | cat - "$0" | sha256sum | cut -c1-16)
dir=$cache/kdump-guest-$SUITE-$key
[ -f "$dir/disk.img" ] && { echo "$dir"; exit 0; }

# The archive this machine's apt uses serves every suite: its URI, read from apt's own lists.
. /etc/os-release
apt_mirror() { apt-cache policy | sed -n "s|.* \(https\{0,1\}://[^ ]*\) $VERSION_CODENAME/main amd64 Packages|\1|p" | head -1; }
mirror=${E820_GUEST_MIRROR:-$(apt_mirror)}
if [ -z "$mirror" ]; then         # apt's lists not read yet on a fresh machine
	apt-get update -q >/dev/null 2>&1
	mirror=$(apt_mirror)
fi
[ -n "$mirror" ] || { echo "guest-image: no $VERSION_CODENAME/main mirror in apt's sources (run apt-get update)" >&2; exit 1; }

exec 9>"$cache/.guest-image.lock"
flock 9
[ -f "$dir/disk.img" ] && { echo "$dir"; exit 0; }   # built by another run meanwhile
rm -rf "$cache"/.guest-build-*                      # left by a build killed outright
tmp=$(mktemp -d "$cache/.guest-build-XXXXXX")
root=$tmp/root
cleanup() {
	umount "$root/proc" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

echo "guest-image: debootstrap $SUITE from $mirror into $tmp (a few minutes, once)" >&2
debootstrap --variant=minbase --include="$(printf '%s' "$PACKAGES" | tr ' \n' ',,')" "$SUITE" "$root" "$mirror" \
	> "$tmp/debootstrap.log" 2>&1 || {
	echo "guest-image: debootstrap failed; last lines of its log:" >&2
	tail -5 "$tmp/debootstrap.log" >&2
	exit 1
}
kver=$(ls "$root/lib/modules")
[ "$(echo "$kver" | wc -w)" = 1 ] || { echo "guest-image: want one kernel in the guest, got: $kver" >&2; exit 1; }

# The machine as an administrator would leave it: root on the virtio disk, kdump-tools on.
echo kdump-guest > "$root/etc/hostname"
echo '/dev/vda / ext4 errors=remount-ro 0 0' > "$root/etc/fstab"
# The initramfs is made in a chroot, where MODULES=dep cannot see the guest's disk: name the
# modules the root needs. kdump-tools keeps a list for its own initrd too.
echo MODULES=list > "$root/etc/initramfs-tools/conf.d/e820-guest"
printf 'virtio_pci\nvirtio_blk\next4\n' >> "$root/etc/initramfs-tools/modules"
sed -i 's/^LOAD_KEXEC=.*/LOAD_KEXEC=false/' "$root/etc/default/kexec"
# The first kernel's memmap= ranges must not reach the kdump kernel's command line (they would
# put the ranges in its e820 by themselves): the kdump command line is given, not derived.
# earlyprintk: the decompressor writes (its "Physical KASLR disabled" too) only there.
cat >> "$root/etc/default/kdump-tools" <<'EOF'
KDUMP_CMDLINE="root=/dev/vda ro console=ttyS0 earlyprintk=serial,ttyS0 panic=1"
EOF

# Test hooks, not part of any package: save the kdump kernel's own dmesg before kdump-tools
# saves the dump, and in the first kernel report state on the serial line, then crash.
mkdir -p "$root/etc/systemd/system/kdump-tools-dump.service.d"
cat > "$root/etc/systemd/system/kdump-tools-dump.service.d/e820-test.conf" <<'EOF'
[Service]
ExecStartPre=/bin/sh -c 'mkdir -p /var/crash && dmesg > /var/crash/kdump-kernel.dmesg && sync'
EOF
cat > "$root/usr/local/sbin/e820-test-crash" <<'EOF'
#!/bin/sh
# First kernel, after kdump-tools.service: what the test reads, on the serial line, then sysrq-c.
exec > /dev/ttyS0 2>&1
echo "===FIRST-IOMEM-BEGIN"; cat /proc/iomem; echo "===FIRST-IOMEM-END"
echo "===SERVICE-BEGIN"; systemctl status --no-pager kdump-tools.service; echo "===SERVICE-END"
echo "===KDUMP-STATUS-BEGIN"; kdump-config status; echo "===KDUMP-STATUS-END"
echo "===KEXEC-CMD-BEGIN"; cat /var/crash/kexec_cmd; echo "===KEXEC-CMD-END"
echo "===E820-STATUS-BEGIN"; kexec-e820 --status; echo "===E820-STATUS-END"
echo "===PREDICT-BEGIN"
kexec-e820 -p /var/lib/kdump/vmlinuz --initrd=/var/lib/kdump/initrd.img --print-e820 && echo "===PREDICT-END"
echo "===LOADED crash_loaded=$(cat /sys/kernel/kexec_crash_loaded)"
sync
# The panic stops the CPU that would empty the tty's buffer; TCSADRAIN (stty setting the modes
# it just read) returns once the UART has sent every byte, so nothing written above is lost.
drain() { stty -F /dev/ttyS0 "$(stty -F /dev/ttyS0 -g)"; }
drain
echo "===CRASHING"
drain
echo c > /proc/sysrq-trigger
EOF
chmod +x "$root/usr/local/sbin/e820-test-crash"
# The serial line is the tests' instrument, not a login: a getty starting on ttyS0 flushes
# the tty and took the crash report's last lines with it (seen under load: no ===CRASHING).
ln -sf /dev/null "$root/etc/systemd/system/serial-getty@ttyS0.service"
cat > "$root/etc/systemd/system/e820-test-crash.service" <<'EOF'
[Unit]
Description=e820-purgatory test: report kdump state, then crash
After=kdump-tools.service
ConditionKernelCommandLine=e820test=crash

[Service]
Type=oneshot
ExecStart=/usr/local/sbin/e820-test-crash

[Install]
WantedBy=multi-user.target
EOF

# The administrator's step, when the test put a package on the disk: apt install, before
# kdump-tools.service loads at boot.
cat > "$root/etc/systemd/system/e820-test-install.service" <<'EOF'
[Unit]
Description=e820-purgatory test: apt install the package the test put on the disk
DefaultDependencies=no
After=local-fs.target
Before=kdump-tools.service
ConditionPathExists=/var/tmp/e820-purgatory.deb

[Service]
Type=oneshot
ExecStart=/bin/sh -c 'exec >/dev/ttyS0 2>&1; echo ===INSTALL-BEGIN; apt-get install -y -q /var/tmp/e820-purgatory.deb; echo "===INSTALL-END rc=$?"; rm -f /var/tmp/e820-purgatory.deb'

[Install]
WantedBy=kdump-tools.service
EOF

mount -t proc proc "$root/proc"
chroot "$root" systemctl enable e820-test-crash.service e820-test-install.service >/dev/null 2>&1
chroot "$root" update-initramfs -c -k "$kver" > "$tmp/initramfs.log" 2>&1 ||
	{ echo "guest-image: update-initramfs failed" >&2; tail -5 "$tmp/initramfs.log" >&2; exit 1; }
# trixie's hook skips its initrd when ischroot says it runs in a chroot, as here on purpose:
# an ischroot that says no, for this one call.
mkdir -p "$root/tmp/not-chroot"
printf '#!/bin/sh\nexit 1\n' > "$root/tmp/not-chroot/ischroot"
chmod +x "$root/tmp/not-chroot/ischroot"
chroot "$root" env PATH=/tmp/not-chroot:/usr/sbin:/usr/bin:/sbin:/bin /etc/kernel/postinst.d/kdump-tools "$kver" \
	>> "$tmp/initramfs.log" 2>&1 ||
	{ echo "guest-image: kdump-tools' initrd failed" >&2; tail -5 "$tmp/initramfs.log" >&2; exit 1; }
chroot "$root" kdump-config symlinks "$kver" >> "$tmp/initramfs.log" 2>&1
# What kdump-config's first load records; without it every boot remakes the kdump initrd (75 s).
cp "$root/etc/kdump/sysctl.conf" "$root/var/lib/kdump/latest_sysctls-$kver"
rm -rf "$root/tmp/not-chroot"
umount "$root/proc"
chroot "$root" apt-get clean
[ -f "$root/var/lib/kdump/initrd.img-$kver" ] || { echo "guest-image: no kdump initrd" >&2; exit 1; }

cp "$root/boot/vmlinuz-$kver" "$tmp/vmlinuz"
cp "$root/boot/initrd.img-$kver" "$tmp/initrd.img"
mkfs.ext4 -q -F -L kdump-guest -d "$root" "$tmp/disk.img" "$IMAGE_SIZE" >/dev/null ||
	{ echo "guest-image: mkfs.ext4 -d failed" >&2; exit 1; }
mv "$tmp" "$dir"
trap - EXIT
for old in "$cache"/kdump-guest-"$SUITE"-*; do        # images of other package lists or scripts
	[ "$old" = "$dir" ] || rm -rf "$old"
done
echo "$dir"
