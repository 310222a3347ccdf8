#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# packaging/kexec, the /sbin/kexec front end, routed on the host: kexec-e820 and kexec-tools are
# stand-ins that record their arguments (and the real kexec-e820 is only ever run with
# --dry-run), so nothing is loaded. What reaches which program, what is said, the exit codes.
set -u
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
. tests/lib/test-lib.sh     # ok, no, check, done_tests

# A stand-in: records its arguments, one per line, in $dir/NAME.args; exits with $dir/NAME.rc.
standin() {
	cat > "$dir/$1" <<STANDIN
#!/bin/sh
: > "$dir/$1.args"
[ \$# = 0 ] || printf '%s\n' "\$@" > "$dir/$1.args"
[ -f "$dir/$1.out" ] && cat "$dir/$1.out"
exit \$(cat "$dir/$1.rc" 2>/dev/null || echo 0)
STANDIN
	chmod +x "$dir/$1"
}
standin real
standin e820
echo '[none] integrity confidentiality' > "$dir/lockdown"
# The front end as installed, its three paths pointed here.
sed -e "s|^REAL=.*|REAL=$dir/real|" -e "s|^E820=.*|E820=\${E820:-$dir/e820}|" -e "s|^LOCKDOWN=.*|LOCKDOWN=$dir/lockdown|" \
	packaging/kexec > "$dir/kexec"
chmod +x "$dir/kexec"

# run EXPECTED_RC ARGS...: the front end, fresh records
run() {
	want=$1
	shift
	rm -f "$dir"/*.args
	"$dir/kexec" "$@" > "$dir/out" 2> "$dir/err"
	rc=$?
	[ "$rc" = "$want" ] || echo "  exit $rc, wanted $want; stderr: $(cat "$dir/err")"
	[ "$rc" = "$want" ]
}
got() { [ -f "$dir/$1.args" ] && [ "$(tr '\n' ' ' < "$dir/$1.args")" = "$2" ]; }
untouched() { [ ! -f "$dir/$1.args" ]; }
said() { grep -qF -- "$1" "$dir/err" && [ "$(wc -l < "$dir/err")" = 1 ]; }

# What kdump-config runs, word for word (kdump_load, kdump_unload).
KDUMP_ARGS='-p --command-line="root=/dev/vda ro console=ttyS0 reset_devices" --initrd=/var/lib/kdump/initrd.img /var/lib/kdump/vmlinuz'
eval "set -- $KDUMP_ARGS"
if run 0 "$@" && got e820 "$* " && untouched real; then ok "kdump-config's load goes to kexec-e820, arguments unchanged"
else no "kdump-config's load"; fi
if run 0 -p -s --args-linux --initrd=i k && got e820 "-p -s --args-linux --initrd=i k " && untouched real
then ok "-p -s --args-linux: to kexec-e820 (which accepts and says it)"; else no "-p -s --args-linux"; fi
if run 0 -p -u && got e820 "-p -u " && untouched real; then ok "-p -u: kexec-e820 unloads"; else no "-p -u"; fi
if run 0 -s -p -u && got e820 "-s -p -u " && untouched real; then ok "-s -p -u (secure boot spelling): kexec-e820"; else no "-s -p -u"; fi
if run 0 -sp k && got e820 "-sp k " && untouched real; then ok "a cluster -sp is a crash load"; else no "-sp"; fi

# Everything else reaches kexec-tools unchanged.
for args in "-l k --append=x" "-e" "-s -l k" "--version" "-h" "-u" "-f" "--load k" ""; do
	# shellcheck disable=SC2086
	if run 0 $args && got real "$args${args:+ }" && untouched e820; then ok "'kexec $args' goes to kexec-tools unchanged"
	else no "'kexec $args'"; fi
done
echo 7 > "$dir/real.rc"
if run 7 -e; then ok "kexec-tools' exit code comes back (7)"; else no "kexec-tools' exit code"; fi
rm "$dir/real.rc"

# Status, kexec-tools' convention: exit 1 when a crash kernel is loaded, 0 when not.
printf 'crash kernel: loaded\nloaded by kexec-e820:\n' > "$dir/e820.out"
if run 1 -S && got e820 "--status " && grep -q 'loaded by kexec-e820' "$dir/out"; then ok "-S when loaded: kexec-e820 --status, exit 1"
else no "-S when loaded"; fi
printf 'crash kernel: not loaded\n' > "$dir/e820.out"
if run 0 --status -p && got e820 "--status "; then ok "--status -p when not loaded: exit 0"; else no "--status not loaded"; fi
rm "$dir/e820.out"
if run 0 -S -l && got real "-S -l " && untouched e820; then ok "-S -l (the normal kernel's status) goes to kexec-tools"; else no "-S -l"; fi

# Arguments kexec-e820 does not take: with one of its own options (a dry run), its one-line
# error and exit, kexec-tools never tried; without, kexec-tools loads, with one warning. The
# real kexec-e820 here, and --dry-run so that even a wrong parse could not load.
if E820=build/kexec-e820 run 2 -p --mem-min=0x100000 bzImage --dry-run && said "--mem-min" && untouched real
then ok "an option kexec-e820 does not take, in a dry run: named, exit 2, kexec-tools not tried"; else no "--mem-min --dry-run"; fi
if E820=build/kexec-e820 run 0 -p --mem-min=0x100000 k && got real "-p --mem-min=0x100000 k " &&
   said "kexec-e820 does not take these arguments (unknown or incomplete option --mem-min=0x100000 (see --help)): kexec-tools loads instead"
then ok "an option only kexec-tools takes (--mem-min): kexec-tools loads, one warning"; else no "--mem-min"; fi
. tests/lib/bzimage.inc     # mkbz
mkbz "$dir/bz"
for opts in "-d" "--debug" "-a" "--kexec-syscall-auto" "--elf64-core-headers" "-i" "--no-checks" "-t bzImage64"; do
	# shellcheck disable=SC2086 # the options, one word each
	if E820=build/kexec-e820 run 0 $opts -p "$dir/bz" --iomem=tests/fixtures/ovmf-q35-1g-crashkernel.iomem --dry-run &&
	   untouched real && grep -q '^PT_LOAD' "$dir/out"
	then ok "kexec-tools' $opts with a crash load: kexec-e820 takes it"; else no "$opts: $(cat "$dir/err")"; fi
done
echo 1 > "$dir/e820.rc"
if run 1 -p k --print-e820 && untouched real; then ok "kexec-e820's own --print-e820 failing: never handed to kexec-tools"
else no "--print-e820 fallback"; fi
rm "$dir/e820.rc"
if run 0 --compare && got e820 "--compare " && untouched real; then ok "--compare alone: kexec-e820's"; else no "--compare"; fi

# kexec-e820 missing, broken or failing: kexec-tools loads instead, with one warning line.
if E820=$dir/nonexistent run 0 -p k && got real "-p k " && said "missing or not executable: falling back to kexec-tools"
then ok "kexec-e820 missing: kexec-tools loads, one warning"; else no "kexec-e820 missing"; fi
printf '\177ELF garbage' > "$dir/broken" && chmod +x "$dir/broken"
if E820=$dir/broken run 0 -p k && got real "-p k " && grep -qF "failed (exit 126)" "$dir/err"
then ok "kexec-e820 broken (not a program): kexec-tools loads"; else no "kexec-e820 broken"; fi
echo 1 > "$dir/e820.rc"
if run 0 -p k && got e820 "-p k " && got real "-p k " && said "kexec-e820 failed (exit 1): falling back"
then ok "kexec-e820 fails to load: kexec-tools loads, one warning"; else no "kexec-e820 fails"; fi
echo 1 > "$dir/real.rc"
if run 1 -p k; then ok "both fail: the failure is reported (exit 1)"; else no "both fail"; fi
rm "$dir/real.rc"
echo 3 > "$dir/e820.rc"
if run 3 -p k && untouched real; then ok "kexec-e820 busy (another load running, exit 3): no fallback"; else no "busy"; fi
# exit 4: refused before the loaded dump kernel was touched, or it was loaded again; kexec-tools
# would fail the same way after the kernel dropped it
echo 4 > "$dir/e820.rc"
if run 4 -p k && untouched real; then ok "kexec-e820 kept the loaded dump kernel (exit 4): no fallback"; else no "kept"; fi
# exit 5: a kdump kernel that would die at the crash (its own RAM finds no room): kexec-tools'
# would load and die the same way
echo 5 > "$dir/e820.rc"
if run 5 -p k && untouched real; then ok "kexec-e820 refused a doomed load (exit 5): no fallback"; else no "doomed"; fi
echo 3 > "$dir/e820.rc"
rm "$dir/e820.rc"

# Lockdown: kexec_load is refused, so crash work goes to kexec-e820 -s (kexec_file_load), and
# only if that fails to kexec-tools' kexec -s, with one warning.
echo 'none [integrity] confidentiality' > "$dir/lockdown"
if run 0 -p --initrd=i k && got e820 "-s -p --initrd=i k " && untouched real && [ ! -s "$dir/err" ]
then ok "lockdown: kexec-e820 -s -p (kexec_file_load), nothing said"; else no "lockdown load"; fi
eval "set -- -s $KDUMP_ARGS"
if run 0 "$@" && got e820 "$* " && untouched real; then ok "lockdown: kdump-config's own -s load to kexec-e820 unchanged"
else no "lockdown kdump-config -s"; fi
if run 0 -s -p -u && got e820 "-s -p -u " && untouched real; then ok "lockdown: kdump-config's unload (-s -p -u) to kexec-e820"
else no "lockdown -s -p -u"; fi
if run 0 -p -u && got e820 "-s -p -u " && untouched real; then ok "lockdown: -p -u gains -s (kexec_load cannot unload)"
else no "lockdown -p -u"; fi
echo 1 > "$dir/e820.rc"
if run 0 -p --initrd=i k && got real "-s -p --initrd=i k " && said "past the zero page's 128"
then ok "lockdown, kexec-e820 failed: kexec-tools' kexec -s -p, one warning"; else no "lockdown fallback"; fi
rm "$dir/e820.rc"
if run 0 -l k && got real "-l k " && [ ! -s "$dir/err" ]; then ok "lockdown: non-crash work unchanged, nothing said"; else no "lockdown -l"; fi
if run 0 -S && got e820 "--status " && untouched real; then ok "lockdown: status still from kexec-e820"; else no "lockdown -S"; fi

done_tests
