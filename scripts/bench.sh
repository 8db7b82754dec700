#!/usr/bin/env bash
# make bench: measures gt3ct on this machine, side by side with vegeta and
# newman, against the simulator on 127.0.0.1, and prints one line per figure
# as "name: value (goal …)". It exits non-zero only when the build failed or
# a simulator could not start, never because a goal was missed.
#
# Environment:
#   BENCH_SECONDS      length of each throughput run (default 5)
#   GT3CT_BENCH_CACHE  where vegeta and newman are installed (default /tmp/gt3ct-bench-cache)
#   BENCH_KEEP=1       keep the work folder (printed at the end)
#   BENCH_ONLY         the figures to measure, e.g. "fig_rss fig_parallel" (default: all, in order:
#                      fig_nightly fig_throughput fig_latency fig_newman fig_rss fig_parallel
#                      fig_big_answer fig_coldstart fig_proxy fig_base)
#   BENCH_BASE         the commit fig_base measures beside this code (default 1dbe0cc: the code the
#                      scale issue's figures were taken on); empty skips fig_base
set -uo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=$ROOT/bin/gt3ct
BENCH=$ROOT/bin/gt3ct-bench # the benchmark driver, not linked into gt3ct
CACHE=${GT3CT_BENCH_CACHE:-/tmp/gt3ct-bench-cache}
SECS=${BENCH_SECONDS:-5}
VEGETA_VERSION=v12.13.0
NEWMAN_VERSION=6.2.2
# ≈200 cases (DJ 167 + RD 18 + PZ 17) for the latency and newman runs.
SERVICES='HXZG_DJ_*,HXZG_RD_*,HXZG_PZ_*'

{ go build -o "$BIN" ./cmd/gt3ct && go build -o "$BENCH" ./cmd/gt3ct-bench; } || { echo "bench: build failed" >&2; exit 1; }

W=$(mktemp -d /tmp/gt3ct-bench.XXXXXX)
PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
	if [ "${BENCH_KEEP:-}" = 1 ]; then echo "bench: work folder kept: $W"; else rm -rf "$W"; fi
}
trap cleanup EXIT
cd "$W" # the audit trail and any .gt3ct folder land here, not in the repo

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.${2:-2}f\", $1 }"; }
log() { echo "bench: $*" >&2; }
# run NAME SECONDS CMD…: bounded run, output in $W/NAME.out and $W/NAME.err.
run() {
	local name=$1 limit=$2
	shift 2
	timeout "$limit" "$@" >"$W/$name.out" 2>"$W/$name.err"
}

# start_sim NAME ARGS…: the simulator answering every catalog service (as the
# embedded one does), out of process; sets SIM_URL or exits 1. SIM_BIN, when
# set, is the gt3ct whose simulator runs (fig_base: the base's own).
start_sim() {
	local name=$1 url=""
	shift
	"${SIM_BIN:-$BIN}" sim --addr 127.0.0.1:0 "$@" >"$W/$name.out" 2>"$W/$name.err" &
	PIDS+=($!)
	for _ in $(seq 150); do
		url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$W/$name.out" 2>/dev/null | head -1)
		[ -n "$url" ] && break
		sleep 0.1
	done
	if [ -z "$url" ]; then
		echo "bench: simulator $name did not start:" >&2
		cat "$W/$name.err" >&2
		exit 1
	fi
	SIM_URL=$url
}

# 1. Full-catalog nightly with DB checks.
fig_nightly() {
	local t0 t1
	t0=$(now)
	run nightly 300 "$BIN" nightly --endpoint "$URL" --db "sqlite:$W/sim.db" --out "$W/n1"
	t1=$(now)
	echo "nightly_full_catalog_wall: $(calc "$t1-$t0") s (goal ≤ 15 s) [$(head -1 "$W/nightly.out")]"
}

# record_targets records the requests the throughput and newman figures
# replay, once.
record_targets() {
	[ -f "$T/targets.txt" ] && return
	run record 300 "$BENCH" bench record --endpoint "$URL" --db "sqlite:$W/sim.db" --max 200 --dir "$T"
	[ -f "$T/targets.txt" ] || log "recording requests failed: $(tail -2 "$W/record.err")"
}

install_vegeta() {
	[ -x "$CACHE/bin/vegeta" ] && return 0
	log "installing vegeta $VEGETA_VERSION into $CACHE/bin"
	GOBIN=$CACHE/bin timeout 600 go install "github.com/tsenart/vegeta/v12@$VEGETA_VERSION" >&2
}

install_newman() {
	[ -x "$CACHE/npm/node_modules/.bin/newman" ] && return 0
	command -v npm >/dev/null || return 1
	log "installing newman $NEWMAN_VERSION into $CACHE/npm"
	timeout 600 npm install --prefix "$CACHE/npm" --no-audit --no-fund "newman@$NEWMAN_VERSION" >&2
}

# 2. gt3ct replay throughput ÷ vegeta raw throughput, same messages, 8 workers.
fig_throughput() {
	local v g
	if ! install_vegeta; then
		echo "throughput_ratio: n/a (vegeta could not be installed) (goal ≥ 0.7)"
		return
	fi
	cputime "$W/vegeta.cpu" timeout $((SECS + 30)) "$CACHE/bin/vegeta" attack -targets "$T/targets.txt" -rate 0 -max-workers 8 -workers 8 \
		-duration "${SECS}s" >"$W/vegeta.bin" 2>"$W/vegeta.err"
	"$CACHE/bin/vegeta" report -type json <"$W/vegeta.bin" >"$W/vegeta.json"
	v=$(grep -o '"throughput":[0-9.e+-]*' "$W/vegeta.json" | cut -d: -f2)
	cputime "$W/send.cpu" timeout 60 "$BENCH" bench send --endpoint "$URL" --targets "$T" --concurrency 8 --duration "${SECS}s" >"$W/send.out" 2>"$W/send.err"
	g=$(grep -o 'requests/s: [0-9.]*' "$W/send.out" | cut -d' ' -f2)
	if [ -z "$v" ] || [ -z "$g" ]; then
		echo "throughput_ratio: n/a (vegeta '$v', gt3ct '$g'; see $W) (goal ≥ 0.7)"
		return
	fi
	echo "throughput_ratio: $(calc "$g/$v") (gt3ct $(calc "$g" 0)/s send+parse+classify+XPath ÷ vegeta $(calc "$v" 0)/s raw, 8 workers, $(ls "$T"/req-*.xml | wc -l) messages) (goal ≥ 0.7)"
	local gn vn
	gn=$(grep -o 'requests: [0-9]*' "$W/send.out" | cut -d' ' -f2)
	vn=$(grep -o '"requests":[0-9]*' "$W/vegeta.json" | cut -d: -f2)
	echo "client_cpu_per_exchange: $(per_op "$W/send.cpu" "$gn") µs gt3ct (user+sys ÷ $gn checked exchanges: send+parse+classify+XPath) beside vegeta $(per_op "$W/vegeta.cpu" "$vn") µs (÷ $vn raw requests), same run (no goal: the client's own cost, apart from the simulator's)"
}

# cputime FILE CMD…: runs CMD, writing its user+sys CPU seconds to FILE.
cputime() {
	local out=$1
	shift
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f "%U %S" -o "$out" "$@"
	else
		"$@"
	fi
}

# per_op FILE N: microseconds of CPU (FILE from cputime) per operation.
per_op() {
	local cpu
	cpu=$(awk '{ print $1 + $2 }' "$1" 2>/dev/null)
	if [ -z "$cpu" ] || [ -z "$2" ] || [ "$2" = 0 ]; then
		echo "n/a"
		return
	fi
	calc "$cpu*1000000/$2" 0
}

# 3. Latency-bound sweep over the whole catalog: every answer takes 100 ms;
# 16 workers once, 64 workers five times (median: a 2 s run moves ±3 %).
# The figure is the process wall (start-up, fixture seeding, reports
# included); the sweep alone (summary.json duration_s) is shown too.
fig_latency() {
	start_sim sim-latency --db "sqlite:$W/lat.db" --latency 100ms --log "$W/lat.log"
	latency_run 16 latency_bound_ratio 1
	latency_run 64 latency_bound_ratio_64 5
}

# latency_run P NAME RUNS: RUNS nightlies with P workers on the latency
# simulator; prints NAME with the median process wall over the ideal.
latency_run() {
	local p=$1 name=$2 i t0 t1 n ideal walls=() sweeps=()
	for i in $(seq "$3"); do
		: >"$W/lat.log"
		t0=$(now)
		run latency$p-$i 300 "$BIN" nightly --endpoint "$SIM_URL" --db "sqlite:$W/lat.db" --parallel "$p" --out "$W/n3-$p-$i"
		t1=$(now)
		walls+=("$(calc "$t1-$t0")")
		sweeps+=("$(grep -o '"duration_s": *[0-9.]*' "$W/n3-$p-$i/summary.json" | grep -o '[0-9.]*$')")
	done
	n=$(wc -l <"$W/lat.log")
	ideal=$(calc "$n*0.1/$p" 3)
	local wall sweep
	wall=$(median "${walls[@]}")
	sweep=$(median "${sweeps[@]:-0}")
	echo "$name: $(calc "$wall/$ideal") (process wall $wall s ÷ ideal $ideal s = $n messages × 0.1 s / $p workers, whole catalog; median of ${walls[*]}; sweep alone $sweep s → $(calc "${sweep:-0}/$ideal")) (goal ≤ 1.1)"
}

# 4. newman running the same 200 requests with two assertions each ÷ gt3ct.
fig_newman() {
	local t0 t1 t2 t3 nw gw
	if ! install_newman; then
		echo "newman_ratio: n/a (newman could not be installed) (goal ≥ 5)"
		return
	fi
	t0=$(now)
	run newman 300 "$CACHE/npm/node_modules/.bin/newman" run "$T/collection.json" --reporters cli
	t1=$(now)
	run once 60 "$BENCH" bench send --endpoint "$URL" --targets "$T" --once --concurrency 1
	t2=$(now)
	nw=$(calc "$t1-$t0" 3)
	gw=$(calc "$t2-$t1" 3)
	echo "newman_ratio: $(calc "$nw/$gw" 1) (newman $nw s ÷ gt3ct $gw s, $(ls "$T"/req-*.xml | wc -l) requests one at a time, process wall; newman assertions failed: $(grep -c '✗\|AssertionError' "$W/newman.out")) (goal ≥ 5)"
}

# 5. Peak RSS of a nightly over 10× the catalog, and over 50× in the same
# run: wall ratio (goal ≤ 6 for 5× the work) and peak RSS of both.
fig_rss() {
	if [ ! -x /usr/bin/time ]; then
		echo "nightly_10x_peak_rss: n/a (/usr/bin/time not installed) (goal ≤ 150 MB)"
		return
	fi
	local kb10 kb50 w10 w50
	run rss 600 /usr/bin/time -v "$BIN" nightly --repeat 10 --endpoint "$URL" --db "sqlite:$W/sim.db" --out "$W/n5"
	kb10=$(grep 'Maximum resident set size' "$W/rss.err" | grep -o '[0-9]*$')
	w10=$(wall_of "$W/rss.err")
	echo "nightly_10x_peak_rss: $(calc "${kb10:-0}/1024" 1) MB (goal ≤ 150 MB) [$(head -1 "$W/rss.out")]"
	run rss50 1800 /usr/bin/time -v "$BIN" nightly --repeat 50 --endpoint "$URL" --db "sqlite:$W/sim.db" --out "$W/n50"
	kb50=$(grep 'Maximum resident set size' "$W/rss50.err" | grep -o '[0-9]*$')
	w50=$(wall_of "$W/rss50.err")
	echo "nightly_50x_peak_rss: $(calc "${kb50:-0}/1024" 1) MB (goal ≤ 150 MB) [$(head -1 "$W/rss50.out")]"
	echo "nightly_50x_over_10x_wall: $(calc "${w50:-0}/${w10:-1}") (50× $w50 s ÷ 10× $w10 s, same simulator, one after the other; CPU $(cpu_of "$W/rss50.err") s ÷ $(cpu_of "$W/rss.err") s) (goal ≤ 6)"
}

# wall_of FILE: the elapsed seconds /usr/bin/time -v wrote to FILE.
wall_of() {
	grep 'Elapsed (wall clock)' "$1" | grep -o '[0-9:.]*$' | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }'
}

# cpu_of FILE: user+sys seconds /usr/bin/time -v wrote to FILE.
cpu_of() {
	awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$1"
}

# 5b. The whole catalog with 64 workers ÷ with 8, no latency, on the
# simulator database a 50× run just filled and cleaned (fig_rss): five
# runs of each, alternating, medians compared (one run moves ±15 %: three
# of each gave 1.18 in one bench, six of each of the same code 0.98).
fig_parallel() {
	local i p t0 t1 w8=() w64=()
	for i in 1 2 3 4 5; do
		for p in 8 64; do
			t0=$(now)
			run par$p-$i 300 "$BIN" nightly --endpoint "$URL" --db "sqlite:$W/sim.db" --parallel $p --out "$W/np$p-$i"
			t1=$(now)
			if [ $p = 8 ]; then w8+=("$(calc "$t1-$t0")"); else w64+=("$(calc "$t1-$t0")"); fi
		done
	done
	local a b
	a=$(median "${w8[@]}")
	b=$(median "${w64[@]}")
	echo "parallel_64_over_8: $(calc "$b/$a") (whole catalog, no latency, after the 50× run: --parallel 64 median $b s (${w64[*]}) ÷ --parallel 8 median $a s (${w8[*]}), alternating) (goal ≤ 1)"
}

# median X…: the middle value.
median() {
	printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# 5c. A 100 MB answer (rows in its CDATA body): parse and check, time and peak RSS.
fig_big_answer() {
	"$BENCH" bench answer --size 100000000 "$W/big.xml" || return
	if [ ! -x /usr/bin/time ]; then
		echo "big_answer_parse: n/a (/usr/bin/time not installed)"
		return
	fi
	run big 120 /usr/bin/time -v "$BENCH" bench parse "$W/big.xml"
	local kb
	kb=$(grep 'Maximum resident set size' "$W/big.err" | grep -o '[0-9]*$')
	echo "big_answer_parse: $(grep -o 'in [0-9.]* s' "$W/big.out" | grep -o '[0-9.]*') s parse+check, process peak RSS $(calc "${kb:-0}/1024" 0) MB for a 100 MB answer (goal < 3 s, ≤ 4 × 100 MB + 60 MB = 439 MiB) [$(head -1 "$W/big.out")]"
	local f line=""
	for f in json text; do
		run print-$f 120 /usr/bin/time -f "%e %M" -o "$W/print-$f.time" "$BIN" envelope parse --format $f "$W/big.xml"
		line="$line $f $(awk '{ printf "%.2f s, %d MB", $1, $2 / 1024 }' "$W/print-$f.time");"
	done
	echo "big_answer_print: \`gt3ct envelope parse\` of the 100 MB answer, process wall and peak RSS:${line%;} (goal ≤ 4 × 100 MB + 60 MB = 439 MiB)"
}

# 6. `gt3ct catalog ls` cold start: each run timed from fork to exit by
# bench exec (a shell loop timed its own date and awk forks with it).
fig_coldstart() {
	local line
	line=$("$BENCH" bench exec --n 20 -- "$BIN" catalog ls) || line="n/a"
	echo "catalog_ls_cold_start: ${line} (goal ≤ 150 ms)"
}

# 7. Latency the checking proxy adds.
fig_proxy() {
	run proxylat 120 "$BENCH" bench proxy --n 2000 && cat "$W/proxylat.out" || echo "proxy_added_latency: n/a ($(tail -1 "$W/proxylat.err")) (goal p50 < 1 ms added)"
}

# 8. This code beside an earlier commit ($BENCH_BASE, built from git), same
# machine, same script, alternating: the whole-catalog nightly (each on a
# fresh simulator of its own version, medians of three), 200 requests one
# at a time (medians of five), the 10× nightly's peak RSS and the cold
# start. A figure of the base that an issue quotes is only comparable here.
fig_base() {
	local base=${BENCH_BASE-1dbe0cc} bb=$W/gt3ct-base
	if [ -z "$base" ]; then
		return
	fi
	if ! build_base "$base" "$bb"; then
		echo "base_$base: n/a (could not build $base: $(tail -1 "$W/base-build.err"))"
		return
	fi
	base_nightly "$base" "$bb"
	base_send "$base" "$bb"
	base_rss "$base" "$bb"
	local a b
	a=$("$BENCH" bench exec --n 20 -- "$BIN" catalog ls) && b=$("$BENCH" bench exec --n 20 -- "$bb" catalog ls) &&
		echo "cold_start_vs_base: $(calc "$(median_of "$a")/$(median_of "$b")") (catalog ls: this code $a; $base $b) (goal ≤ 1.1)"
}

# build_base REF OUT: builds gt3ct of commit REF (git archive, no worktree) into OUT.
build_base() {
	mkdir -p "$W/base-src"
	git -C "$ROOT" archive "$1" | tar -x -C "$W/base-src" 2>"$W/base-build.err" &&
		(cd "$W/base-src" && timeout 900 go build -o "$2" ./cmd/gt3ct) 2>>"$W/base-build.err"
}

# median_of LINE: the median a bench exec line reports, in ms.
median_of() { grep -o 'median [0-9.]*' <<<"$1" | grep -o '[0-9.]*$'; }

# alternate RUNS CUR BASE FN: runs FN CUR I and FN BASE I alternately RUNS
# times (FN sets ELAPSED, the seconds it timed); sets CUR_MED and BASE_MED,
# the medians, and CUR_ALL and BASE_ALL.
alternate() {
	local i b cur=() old=()
	for i in $(seq "$1"); do
		for b in "$2" "$3"; do
			"$4" "$b" "$i"
			if [ "$b" = "$2" ]; then cur+=("$ELAPSED"); else old+=("$ELAPSED"); fi
		done
	done
	CUR_MED=$(median "${cur[@]}") BASE_MED=$(median "${old[@]}") CUR_ALL="${cur[*]}" BASE_ALL="${old[*]}"
}

# base_nightly REF BASEBIN: whole-catalog nightly, first on a fresh simulator of its own version.
base_nightly() {
	alternate 3 "$BIN" "$2" nightly_fresh
	echo "nightly_full_catalog_vs_base: $(calc "$CUR_MED/$BASE_MED") (this code median $CUR_MED s ($CUR_ALL) ÷ $1 median $BASE_MED s ($BASE_ALL), first nightly on a fresh simulator each, alternating) (goal ≤ 1.1)"
}

# nightly_fresh BIN I: times the whole catalog on a simulator of BIN's own,
# started (untimed) on a new database.
nightly_fresh() {
	local db="$W/base-$2-$(basename "$1").db" t0
	SIM_BIN=$1 start_sim "base-sim-$2" --db "sqlite:$db"
	t0=$(now)
	run base-nightly 300 "$1" nightly --endpoint "$SIM_URL" --db "sqlite:$db" --out "$W/nb-$2-$(basename "$1")"
	ELAPSED=$(calc "$(now)-$t0" 3)
	stop_sim
}

# stop_sim stops the simulator start_sim started last.
stop_sim() {
	local p=${PIDS[-1]}
	kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
	unset 'PIDS[-1]'
}

# base_send REF BASEBIN: the newman figure's 200 requests one at a time, process wall.
base_send() {
	record_targets
	alternate 5 "$BENCH" "$2" send_once
	echo "send_once_vs_base: $(calc "$CUR_MED/$BASE_MED") (200 requests one at a time with their checks: this code median $CUR_MED s ÷ $1 median $BASE_MED s, alternating, same simulator) (goal ≤ 1.1)"
}

# send_once BIN: times the 200 recorded requests, one at a time.
send_once() {
	local t0
	t0=$(now)
	run base-send 60 "$1" bench send --endpoint "$URL" --targets "$T" --once --concurrency 1
	ELAPSED=$(calc "$(now)-$t0" 3)
}

# base_rss REF BASEBIN: peak RSS of a 10× nightly, each after one nightly on a fresh simulator of its own version.
base_rss() {
	if [ ! -x /usr/bin/time ]; then
		return
	fi
	local b kb=()
	for b in "$BIN" "$2"; do
		SIM_BIN=$b start_sim base-rss-sim --db "sqlite:$W/base-rss-$(basename "$b").db"
		run base-rss-warm 300 "$b" nightly --endpoint "$SIM_URL" --db "sqlite:$W/base-rss-$(basename "$b").db" --out "$W/nr0-$(basename "$b")"
		run base-rss 600 /usr/bin/time -v "$b" nightly --repeat 10 --endpoint "$SIM_URL" --db "sqlite:$W/base-rss-$(basename "$b").db" --out "$W/nr-$(basename "$b")"
		kb+=("$(grep 'Maximum resident set size' "$W/base-rss.err" | grep -o '[0-9]*$')")
		stop_sim
	done
	echo "nightly_10x_peak_rss_vs_base: $(calc "${kb[0]:-0}/${kb[1]:-1}") (this code $(calc "${kb[0]:-0}/1024" 1) MB ÷ $1 $(calc "${kb[1]:-0}/1024" 1) MB) (goal ≤ 1.1)"
}

start_sim sim --db "sqlite:$W/sim.db"
URL=$SIM_URL
T=$W/targets
log "simulator on $URL; work folder $W"
FIGS=${BENCH_ONLY:-"fig_nightly fig_throughput fig_latency fig_newman fig_rss fig_parallel fig_big_answer fig_coldstart fig_proxy fig_base"}
for fig in $FIGS; do
	case $fig in fig_throughput | fig_newman) record_targets ;; esac
	"$fig"
done
exit 0
