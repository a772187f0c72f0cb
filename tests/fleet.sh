# A small fleet for the audit report tests (sourced after lib.sh, from
# the top of the tree): host folders laid out as Windows volumes with
# faults varied per host, two unreadable hosts, and hostile names.
#
#   fleet DIR N    N ordinary hosts host000... plus warn-only, garbage,
#                  nohives, evil-cn (a hostile ComputerName) and a hostile
#                  folder

# host DIR NAME FAULTS: a host folder laid out as a Windows volume;
# FAULTS holds s (SYSTEM faults), w (SOFTWARE faults), u (user faults).
host() {
	sed "s/WS042/$2/" fixtures/base/system.hreg > "$tmp/sys.hreg"
	f=; case $3 in *s*) f=fixtures/sample/system-faults.hreg;; esac
	hive "$1/Windows/System32/config/SYSTEM" "$tmp/sys.hreg" $f </dev/null
	f=; case $3 in *w*) f=fixtures/sample/software-faults.hreg;; esac
	hive "$1/Windows/System32/config/SOFTWARE" fixtures/base/software.hreg \
	    $f </dev/null
	f=; case $3 in *u*) f=fixtures/sample/ntuser-alice-faults.hreg;; esac
	hive "$1/Users/alice/NTUSER.DAT" fixtures/base/ntuser.hreg $f </dev/null
}

fleet() {
	fl_i=0
	while [ "$fl_i" -lt "$2" ]; do
		fl_f=
		[ $((fl_i % 2)) -eq 1 ] && fl_f=${fl_f}s
		[ $((fl_i % 3)) -eq 1 ] && fl_f=${fl_f}w
		[ $((fl_i % 5)) -eq 2 ] && fl_f=${fl_f}u
		host "$1/host$(printf %03d "$fl_i")" "PC$fl_i" "$fl_f"
		fl_i=$((fl_i + 1))
	done
	# Warnings only (LEG-002), so hosts with findings are not all hosts
	# with errors.
	host "$1/warn-only" PCWARN ""
	{ cat "$tmp/sys.hreg"; printf '[ControlSet002\\Control\\Print]\n"UseSoftwareHive"=dword:00000001\n'; } |
	    "$MKHIVE" -o "$1/warn-only/Windows/System32/config/SYSTEM" -
	mkdir -p "$1/garbage/Windows/System32/config"
	echo 'not a hive' > "$1/garbage/Windows/System32/config/SYSTEM"
	mkdir -p "$1/nohives/Documents"
	# A ComputerName with markup, quotes, an entity, a NUL and an
	# unpaired surrogate; a folder name (the host's name, as it has no
	# SYSTEM hive) with markup, an escape sequence and invalid UTF-8.
	host "$1/evil-cn" \
	    '<script>window.spoolfixPwned=1<\/script>{U+0000}{U+D800}\\"q'"'"'\&amp;' s
	fl_evil=$(printf '<script>window.spoolfixPwned=1<script><img src=x onerror=window.spoolfixPwned=1>"\033[31m\377')
	hive "$1/$fl_evil/Users/alice/NTUSER.DAT" fixtures/base/ntuser.hreg \
	    fixtures/sample/ntuser-alice-faults.hreg </dev/null
}
