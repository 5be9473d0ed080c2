#!/bin/sh
# Executed-instruction count of the TIC hot path, a load-independent proxy for its cost on the nanoFramework
# interpreter (docs/benchmarks.md, "TIC cost on an interpreter"). For each path (decode, interpret, meter) it runs
# the tic-cost harness under valgrind's callgrind twice, with 0 and with FRAMES frames after the same warm-up, and
# prints the difference per frame and per byte: start-up, JIT compilation and warm-up cancel out.
#
# The JIT runs without tiering and with minimal optimisation (no inlining, every field load and property call
# kept, locals in memory), the nearest .NET gets to an interpreter that executes each IL instruction as written.
#
# Usage, from the repository root, after `dotnet build tests/Edge.Benchmarks -c Release`:
#   sh tests/Edge.Benchmarks/tic-cost.sh [FRAMES [FILE [PATH...]]]
# Defaults: 1000 frames of the standard frame tic_std_1P_linky_lains_frame1.bin, paths decode interpret meter.
# With BY_METHOD=1 it also lists, for the FRAMES run, the instructions spent in each method (JIT-compiled code,
# named from the runtime's perf map; "(native)" is the runtime itself), via callgrind-by-method.py.
# Scratch files go to tests/Edge.Benchmarks/bin/tic-cost (ignored by git).
set -eu

FRAMES=${1:-1000}
FILE=${2:-tic_std_1P_linky_lains_frame1.bin}
if [ $# -gt 2 ]; then shift 2; PATHS=$*; else PATHS="decode interpret meter"; fi

HERE=$(cd "$(dirname "$0")" && pwd)
DLL=$HERE/bin/Release/net10.0/Edge.Benchmarks.dll
OUT=$HERE/bin/tic-cost
BYTES=$(wc -c < "$HERE/../Edge.Tests/TestData/tic/$FILE")
mkdir -p "$OUT"
[ -f "$DLL" ] || { echo "build first: dotnet build tests/Edge.Benchmarks -c Release" >&2; exit 1; }

export DOTNET_TieredCompilation=0 DOTNET_JITMinOpts=1 DOTNET_PerfMapEnabled=3 DOTNET_PerfMapJitDumpPath=$OUT

# Instructions of one run, from callgrind's summary; the run's perf map is kept as $OUT/$1.map.
count() {
    rm -f "$OUT"/perf-*.map
    valgrind --tool=callgrind --smc-check=all --dump-instr=yes --compress-pos=no --compress-strings=no \
        --callgrind-out-file="$OUT/$1.out" dotnet "$DLL" tic-cost "$2" "$3" "$FILE" > "$OUT/$1.log" 2>&1
    mv "$OUT"/perf-*.map "$OUT/$1.map"
    sed -n 's/^summary: //p' "$OUT/$1.out"
}

echo "$FILE ($BYTES B), $FRAMES frames, JIT: TieredCompilation=0 JITMinOpts=1"
for P in $PATHS; do
    BASE=$(count "$P-0" "$P" 0)
    RUN=$(count "$P-$FRAMES" "$P" "$FRAMES")
    awk -v p="$P" -v b="$BASE" -v r="$RUN" -v n="$FRAMES" -v s="$BYTES" 'BEGIN {
        d = r - b; printf "%-10s %12d instructions per frame  %8.1f per byte   (runs: %d - %d)\n", p, d / n, d / n / s, r, b }'
    if [ "${BY_METHOD:-0}" = 1 ]; then
        python3 "$HERE/callgrind-by-method.py" "$OUT/$P-$FRAMES.out" "$OUT/$P-$FRAMES.map" "$FRAMES"
    fi
done
