#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# mkcrashrd.sh DIR VMLINUZ [KEXEC_TOOLS]: DIR/first.gz, the first kernel's initramfs (the kernel
# to load, build/kexec-e820 and its fault build, kexec-tools' kexec, DIR/kdump.gz, DIR/after.gz),
# DIR/kdump.gz, the kdump kernel's (makedumpfile), and DIR/after.gz, for a kernel started by
# kexec -e. KEXEC_TOOLS: another release's kexec-tools (tools/fetch-kexec-tools.sh), as
# /bin/kexec-release, for the modes kexec-release (its default, no flag) and kexec-release-s.
# The first kernel picks its loader from "e820test=" on its command line.
set -eu
dir=$1 vmlinuz=$2 release=${3:-}
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

# the kernel's dax modules (tools/fetch-kernel.sh keeps them beside it), for e820kmem= guests
modules=$(dirname "$vmlinuz")/modules
add_modules() { [ ! -f "$modules/order" ] || { mkdir -p "$1/modules"; cp "$modules"/*.ko "$modules/order" "$1/modules/"; }; }

populate "$work/kdump" "$(command -v makedumpfile)" build/dumpmark
add_modules "$work/kdump"
cat > "$work/kdump/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t tmpfs tmpfs /tmp
drain() { stty "$(stty -g)"; }   # TCSADRAIN: returns once the UART has sent every byte written
loaded() { cat /sys/kernel/kexec_crash_loaded; }
# try NAME COMMAND...: run it; its exit code, what is loaded after it, and its stderr, as lines
try() { n=$1; shift; "$@" 2>/tmp/err; echo "===FE $n rc=$? loaded=$(loaded)"; sed "s/^/===FE-ERR $n: /" /tmp/err; }
echo "===KDUMP-UP"
# e820kmem=...: the first kernel onlined soft reserved memory with dax_hmem and kmem; this
# kernel gets the same modules, as a distribution's kdump initramfs would
if grep -q 'e820kmem=' /proc/cmdline; then
	for m in $(cat /modules/order); do insmod "/modules/$m" || echo "===INSMOD-FAILED $m"; done
	sleep 1         # kmem adds and onlines the memory in its probe; a moment for the log
fi
echo "===KDUMP-IOMEM-BEGIN"
cat /proc/iomem
echo "===KDUMP-IOMEM-END"
echo "===VMCORE size=$(stat -c %s /proc/vmcore 2>/dev/null || echo none)"
# e820mark=ADDR: the first kernel's marker page, read back through the dump's own ELF headers
mark=$(sed -n 's/.*e820mark=\(0x[0-9a-f]*\).*/\1/p' /proc/cmdline)
[ -z "$mark" ] || dumpmark find /proc/vmcore "$mark"
makedumpfile -l -d 31 /proc/vmcore /tmp/dump > /tmp/makedumpfile.log 2>&1
rc=$?
if [ $rc = 0 ]; then tail -3 /tmp/makedumpfile.log; else sed 's/^/makedumpfile: /' /tmp/makedumpfile.log | tail -40; df /tmp; fi
echo "===MAKEDUMPFILE rc=$rc size=$(stat -c %s /tmp/dump 2>/dev/null || echo none)"
echo "===KDUMP-END"
drain       # poweroff -f does not wait for the tty: the report's tail would be lost
poweroff -f
INIT
chmod +x "$work/kdump/init"
pack "$work/kdump" "$dir/kdump.gz"

# DIR/after.gz: the kernel that kexec -e starts (mode kexec-s-l) says it is up, then powers off
populate "$work/after"
cat > "$work/after/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
echo "===AFTER-KEXEC-UP"
stty "$(stty -g)"
poweroff -f
INIT
chmod +x "$work/after/init"
pack "$work/after" "$dir/after.gz"

populate "$work/first" build/kexec-e820 build/kexec-e820-faults "$(command -v kexec)" build/dumpmark
add_modules "$work/first"
# The package's /sbin/kexec front end, pointed at the copies here.
sed -e 's|^REAL=.*|REAL=/bin/kexec|' -e 's|^E820=.*|E820=/bin/kexec-e820|' packaging/kexec > "$work/first/frontend-kexec"
# the same front end over the fault build (make's TEST_BINS): a kexec-e820 that fails after the drop
sed 's|^E820=.*|E820=/bin/kexec-e820-faults|' "$work/first/frontend-kexec" > "$work/first/frontend-kexec-faults"
chmod +x "$work/first/frontend-kexec" "$work/first/frontend-kexec-faults"
if [ -n "$release" ]; then
	mkdir -p "$work/first/opt"
	cp -r "$release" "$work/first/opt/kexec-release"
	printf '#!/bin/busybox sh\nexec /opt/kexec-release/bin/run "$@"\n' > "$work/first/bin/kexec-release"
	chmod +x "$work/first/bin/kexec-release"
fi
cp "$vmlinuz" "$work/first/vmlinuz"
cp "$dir/kdump.gz" "$dir/after.gz" "$work/first/"
cat > "$work/first/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev         # background jobs read /dev/null
mount -t securityfs securityfs /sys/kernel/security   # lockdown, as systemd would show it
mkdir -p /run
drain() { stty "$(stty -g)"; }   # TCSADRAIN: returns once the UART has sent every byte written
loaded() { cat /sys/kernel/kexec_crash_loaded; }
# try NAME COMMAND...: run it; its exit code, what is loaded after it, and its stderr, as lines
try() { n=$1; shift; "$@" 2>/tmp/err; echo "===FE $n rc=$? loaded=$(loaded)"; sed "s/^/===FE-ERR $n: /" /tmp/err; }
mode=$(sed -n 's/.*e820test=\([a-z-]*\).*/\1/p' /proc/cmdline)
kdump="console=ttyS0 earlyprintk=serial,ttyS0 irqpoll nr_cpus=1 reset_devices panic=1"
# e820pad=N: N more bytes of the caller's own on the kdump command line (a line with little room)
pad=$(sed -n 's/.*e820pad=\([0-9]*\).*/\1/p' /proc/cmdline)
[ -n "$pad" ] && kdump="$kdump e820pad=$(head -c "$pad" /dev/zero | tr '\0' x)"
# e820kdump=WORD: WORD added to the kdump kernel's command line as it is (a memmap= form to measure)
more=$(sed -n 's/.*e820kdump=\([^ ]*\).*/\1/p' /proc/cmdline)
[ -n "$more" ] && kdump="$kdump $more"
# e820kmem=NODE:FIRST:LAST: the dax modules loaded (soft reserved memory onlined as System RAM
# (kmem)), then a marker planted in a page of that range for the dump to hold (dumpmark)
kmem=$(sed -n 's/.*e820kmem=\([0-9]*:0x[0-9a-f]*:0x[0-9a-f]*\).*/\1/p' /proc/cmdline)
if [ -n "$kmem" ]; then
	for m in $(cat /modules/order); do insmod "/modules/$m" || echo "===INSMOD-FAILED $m"; done
	i=0
	while ! grep -q 'System RAM (kmem)' /proc/iomem && [ $i -lt 20 ]; do sleep 0.5; i=$((i + 1)); done
	echo 0 > /proc/sys/vm/compact_unevictable_allowed
	node=${kmem%%:*} hi=${kmem##*:} lo=${kmem#*:}
	dumpmark plant "$node" "${lo%%:*}" "$hi" > /tmp/mark 2>&1 &
	i=0
	while ! grep -q '^===MARK ' /tmp/mark && kill -0 $! 2>/dev/null && [ $i -lt 120 ]; do sleep 0.5; i=$((i + 1)); done
	cat /tmp/mark
	addr=$(sed -n 's/^===MARK \(0x[0-9a-f]*\)$/\1/p' /tmp/mark)
	[ -z "$addr" ] || kdump="$kdump e820mark=$addr e820kmem=1"
fi
echo "===FIRST-FWMAP-BEGIN"   # the firmware's map as the kernel keeps it (kexec-e820 reads it too)
for d in /sys/firmware/memmap/*; do echo "$(cat "$d/start") $(cat "$d/end") $(cat "$d/type")"; done
echo "===FIRST-FWMAP-END"
echo "===FIRST-IOMEM-BEGIN"
cat /proc/iomem
echo "===FIRST-IOMEM-END"
echo "===KEXEC-SYSFS-BEGIN"   # what kexec_file sizes and adds by (6.12+ CRASH_HOTPLUG, 7.x CMA)
for f in crash_elfcorehdr_size kexec_crash_cma_ranges; do [ -r /sys/kernel/$f ] && echo "$f: $(cat /sys/kernel/$f | tr '\n' ' ')"; done
echo "===KEXEC-SYSFS-END"
# the PCI window the first kernel found in its e820 (quiet keeps it off the console): a kdump
# kernel that lacks a range finds another
echo "===PCI-GAP $(dmesg | grep -o '\[\(mem\|gap\) [^]]*\] available for PCI devices' | head -1)"
# its e820 as it printed it, "===FIRST-E820 WHO START END TYPE" (WHO: BIOS-e820, user after
# memmap=, extended), where /proc/iomem names no type number ("Unknown E820 type")
dmesg | sed -n 's/.* \(BIOS-e820\|user\|extended\): \[mem \(0x[0-9a-f]*\)-\(0x[0-9a-f]*\)\] *\(.*\)/===FIRST-E820 \1 \2 \3 \4/p'
echo "===SECURITY-BEGIN"      # quiet keeps these off the console: the kernel's own log has them
dmesg | grep -e 'Secure boot' -e 'locked down'
echo "lockdown: $(cat /sys/kernel/security/lockdown)"
echo "===SECURITY-END"
case $mode in ours|soak|concurrent|ours-s|lockdown|frontend|keep)
	s=; case $mode in ours-s|lockdown|frontend) s=-s ;; esac
	echo "===PREDICT-BEGIN"
	kexec-e820 -p $s /vmlinuz --initrd=/kdump.gz --append="$kdump" --print-e820 && echo "===PREDICT-END" ;;
esac
t0=$(cut -d' ' -f1 /proc/uptime)
case $mode in
ours) kexec-e820 -p /vmlinuz --initrd=/kdump.gz --append="$kdump"; rc=$? ;;
ours-s) kexec-e820 -s -p /vmlinuz --initrd=/kdump.gz --append="$kdump"; rc=$? ;;
lockdown)      # Secure Boot: no -s; kexec_load is refused and kexec-e820 turns to kexec_file_load
	kexec-e820 -p /vmlinuz --initrd=/kdump.gz --append="$kdump"; rc=$? ;;
frontend)      # Secure Boot through the package's /sbin/kexec; then a loaded dump kernel kept through bad reloads
	status() { kexec-e820 --status | sed "s/^/===FE-STATUS $1: /"; }
	cp /vmlinuz /tmp/bad.vmlinuz           # one byte changed: its signature no longer holds
	printf X | dd of=/tmp/bad.vmlinuz bs=1 seek=1048576 conv=notrunc 2>/dev/null
	truncate -s 250M /tmp/big.gz           # more than the 256 MiB region holds beside the kernel
	# nothing loaded; the fault build fails after the syscall: kexec-tools loads instead
	KEXEC_E820_TEST_BREAK_LOAD=1 try broken-frontend /frontend-kexec-faults -p /vmlinuz --initrd=/kdump.gz --append="$kdump"
	status broken-frontend
	try unload-other /frontend-kexec -p -u
	try bad-frontend /frontend-kexec -p /tmp/bad.vmlinuz --initrd=/kdump.gz --append="$kdump"
	try load /frontend-kexec -d -p /vmlinuz --initrd=/kdump.gz --append="$kdump"   # KDUMP_KEXEC_ARGS=-d
	try unload /frontend-kexec -p -u
	/frontend-kexec -p /vmlinuz --initrd=/kdump.gz --append="$kdump"; rc=$?
	status good
	# a loaded dump kernel, then reloads that fail: it stays loaded, and the crash below uses it
	try keep-unsigned kexec-e820 -s -p /tmp/bad.vmlinuz --initrd=/kdump.gz --append="$kdump"
	try keep-big-initrd kexec-e820 -s -p /vmlinuz --initrd=/tmp/big.gz --append="$kdump"
	try keep-no-initrd kexec-e820 -s -p /vmlinuz --initrd=/no/such.gz --append="$kdump"
	KEXEC_E820_TEST_BREAK_LOAD=1 try keep-broken kexec-e820-faults -s -p /vmlinuz --initrd=/kdump.gz --append="$kdump"
	try keep-unsigned-frontend /frontend-kexec -p /tmp/bad.vmlinuz --initrd=/kdump.gz --append="$kdump"
	# a line too long for the kernel: it would drop the dump kernel, then refuse (kexec-tools too)
	long="$kdump $(head -c 2100 /dev/zero | tr '\0' x)"
	try keep-long-frontend /frontend-kexec -p /vmlinuz --initrd=/kdump.gz --append="$long"
	rm -f /tmp/big.gz
	status kept ;;
keep)          # kexec_load: a loaded dump kernel kept through reloads that fail; the crash uses it
	kexec-e820 -p /vmlinuz --initrd=/kdump.gz --append="$kdump"; rc=$?
	truncate -s 250M /tmp/big.gz           # more than the 256 MiB region holds beside the kernel
	try keep-big-initrd kexec-e820 -p /vmlinuz --initrd=/tmp/big.gz --append="$kdump"
	try keep-no-initrd kexec-e820 -p /vmlinuz --initrd=/no/such.gz --append="$kdump"
	KEXEC_E820_TEST_BREAK_LOAD=1 try keep-broken kexec-e820-faults -p /vmlinuz --initrd=/kdump.gz --append="$kdump"
	rm -f /tmp/big.gz ;;
kexec-c) kexec -c -p /vmlinuz --initrd=/kdump.gz --append="$kdump"; rc=$? ;;
kexec-s) kexec -s -p /vmlinuz --initrd=/kdump.gz --append="$kdump"; rc=$? ;;
kexec-release)     # another release's kexec-tools as it loads by default (2.0.27+: -a, kexec_file first)
	kexec-release --version; kexec-release -p /vmlinuz --initrd=/kdump.gz --append="$kdump"; rc=$? ;;
kexec-release-s) kexec-release --version; kexec-release -s -p /vmlinuz --initrd=/kdump.gz --append="$kdump"; rc=$? ;;
kexec-s-l)     # the normal path, as systemctl kexec takes it: kexec_file_load, then kexec -e
	echo "===FIRMWARE-MEMMAP-BEGIN"
	for d in /sys/firmware/memmap/*; do echo "$(cat "$d/start") $(cat "$d/end") $(cat "$d/type")"; done
	echo "===FIRMWARE-MEMMAP-END"
	kexec -s -l /vmlinuz --initrd=/after.gz --append="console=ttyS0 earlyprintk=serial,ttyS0"
	rc=$?
	echo "===LOADED rc=$rc kexec_loaded=$(cat /sys/kernel/kexec_loaded)"
	drain
	echo "===KEXECING"
	drain
	kexec -e
	echo "===KEXEC-E-RETURNED rc=$?"; drain; poweroff -f ;;
concurrent)    # two loads at once: one wins, the other says why; the crash shows the winner
	kexec-e820 -p /vmlinuz --initrd=/kdump.gz --append="$kdump e820winner=a" > /tmp/a 2>&1 & pa=$!
	kexec-e820 -p /vmlinuz --initrd=/kdump.gz --append="$kdump e820winner=b" > /tmp/b 2>&1 & pb=$!
	wait $pa; ra=$?
	wait $pb; rb=$?
	echo "===CONCURRENT a=$ra b=$rb"
	sed 's/^/===A: /' /tmp/a; sed 's/^/===B: /' /tmp/b
	rc=0 ;;
soak)          # e820soak=N x (load, --status, unload), sysfs checked each time, then a last load.
	# Memory is sampled after every round once warm, each sample on settled counters: caches
	# dropped, deferred frees (RCU) given their grace period. e820leak=K (tests only) keeps K KiB
	# more in /run (tmpfs) each round: the leak the check must catch.
	n=$(sed -n 's/.*e820soak=\([0-9]*\).*/\1/p' /proc/cmdline)
	leak=$(sed -n 's/.*e820leak=\([0-9]*\).*/\1/p' /proc/cmdline)
	kb() { sed -n "s/^$1: *\([0-9]*\) kB/\1/p" /proc/meminfo; }
	settle() { sync; echo 3 > /proc/sys/vm/drop_caches; sleep 0.2; echo 3 > /proc/sys/vm/drop_caches; }
	# per-CPU free lists held to a few pages: MemFree then counts what they would hide (MiBs)
	echo 100000 > /proc/sys/vm/percpu_pagelist_high_fraction
	size0=$(cat /sys/kernel/kexec_crash_size) s0=$(cut -d' ' -f1 /proc/uptime)
	i=0 bad=0 warm=10       # samples start after warm rounds: first-use costs are not leaks
	every=$(( n > 200 ? n / 200 : 1 ))
	fail() { echo "===SOAK-FAIL i=$i $*"; bad=$((bad + 1)); }
	while [ $i -lt "$n" ]; do
		if [ $i -ge $warm ] && [ $((i % every)) = 0 ]; then
			settle
			echo "===SOAK-MEM i=$i MemFree=$(kb MemFree) SUnreclaim=$(kb SUnreclaim) Shmem=$(kb Shmem) run=$(ls /run | wc -l)"
		fi
		kexec-e820 -p /vmlinuz --initrd=/kdump.gz --append="$kdump" || fail "load exited $?"
		[ "$(cat /sys/kernel/kexec_crash_loaded)" = 1 ] || fail "kexec_crash_loaded not 1 after the load"
		[ "$(cat /sys/kernel/kexec_crash_size)" = "$size0" ] || fail "kexec_crash_size changed"
		kexec-e820 --status | grep -q '^loaded by kexec-e820:' || fail "--status does not name the load"
		kexec-e820 -u -p || fail "unload exited $?"
		[ "$(cat /sys/kernel/kexec_crash_loaded)" = 0 ] || fail "kexec_crash_loaded not 0 after the unload"
		[ -z "$leak" ] || dd if=/dev/zero of="/run/leak.$i" bs=1024 count="$leak" 2>/dev/null
		i=$((i + 1))
	done
	settle
	echo "===SOAK-MEM i=$i MemFree=$(kb MemFree) SUnreclaim=$(kb SUnreclaim) Shmem=$(kb Shmem) run=$(ls /run | wc -l)"
	echo "===SOAK-DONE n=$n failures=$bad seconds=$s0,$(cut -d' ' -f1 /proc/uptime)"
	kexec-e820 -p /vmlinuz --initrd=/kdump.gz --append="$kdump"; rc=$? ;;
*) echo "no e820test= mode"; rc=1 ;;
esac
t1=$(cut -d' ' -f1 /proc/uptime)
case $mode in ours|ours-s|lockdown|frontend|keep) kexec-e820 --status ;; esac
echo "===LOAD-SECONDS $t0 $t1"
echo "===LOADED rc=$rc crash_loaded=$(cat /sys/kernel/kexec_crash_loaded)"
# The panic stops the CPU that would empty the tty's buffer: whatever user space wrote and the
# UART has not sent yet is lost. Drain first, so the report and the split marker are on the line.
drain
echo "===CRASHING"
drain
echo c > /proc/sysrq-trigger
INIT
chmod +x "$work/first/init"
pack "$work/first" "$dir/first.gz"
