#!/bin/sh
# Differential check of the TIC decoder and reader against an older commit (docs/benchmarks.md, "TIC cost on an
# interpreter"): builds the portable code of COMMIT from `git archive COMMIT` (its firmware/Edge.Host, whose
# edge.dll holds the portable code), then runs `Edge.Benchmarks tic-diff`, which feeds both builds the same
# random streams in the same random blocks and stops at the first stream they read differently.
#
# Usage, from the repository root, after `dotnet build tests/Edge.Benchmarks -c Release`:
#   sh tests/Edge.Benchmarks/tic-diff.sh COMMIT STREAMS [SEED]
# The older tree is built in tests/Edge.Benchmarks/bin/tic-diff/COMMIT (ignored by git), once.
set -eu

COMMIT=$1
STREAMS=$2
SEED=${3:-1}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DLL=$HERE/bin/Release/net10.0/Edge.Benchmarks.dll
OLD=$HERE/bin/tic-diff/$COMMIT
[ -f "$DLL" ] || { echo "build first: dotnet build tests/Edge.Benchmarks -c Release" >&2; exit 1; }

if [ ! -f "$OLD/firmware/Edge.Host/bin/Release/net10.0/edge.dll" ]; then
    mkdir -p "$OLD"
    git -C "$ROOT" archive "$COMMIT" | tar -x -C "$OLD"
    dotnet build "$OLD/firmware/Edge.Host" -c Release > "$OLD.build.log" 2>&1 || { cat "$OLD.build.log" >&2; exit 1; }
fi

dotnet "$DLL" tic-diff "$STREAMS" "$SEED" "$OLD/firmware/Edge.Host/bin/Release/net10.0/edge.dll"
