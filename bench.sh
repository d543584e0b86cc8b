#!/usr/bin/env bash
# Measures throughput, reaction latency, API calls and storage requests per video, and memory, against the naive
# polling loop, and writes docs/benchmarks.md.  ./bench.sh (full, about 20 minutes on 2 cores) or ./bench.sh smoke.
set -euo pipefail
cd "$(dirname "$0")"
profile="${1:-full}"
[ -f node_modules/.package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error
dotnet build SynthFunctions.sln -c Release -nologo -clp:ErrorsOnly
if [ "$profile" = "full" ]; then
  exec dotnet run -c Release --no-build --project bench/SynthFunctions.Benchmarks -- full --report docs/benchmarks.md
else
  exec dotnet run -c Release --no-build --project bench/SynthFunctions.Benchmarks -- "$profile" --report "${TMPDIR:-/tmp}/benchmarks-$profile.md"
fi
