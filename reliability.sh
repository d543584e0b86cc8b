#!/usr/bin/env bash
# Runs the reliability suite against real standalone-host processes and writes docs/reliability.md.
#   ./reliability.sh          the full run (300+ jobs, 3 hard kills; about 10 minutes on 2 cores)
#   ./reliability.sh quick    the CI subset; prints its report path
set -euo pipefail
cd "$(dirname "$0")"
profile="${1:-full}"
[ -f node_modules/.package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error
dotnet build SynthFunctions.sln -c Release -nologo -clp:ErrorsOnly
if [ "$profile" = "full" ]; then
  exec dotnet run -c Release --no-build --project tests/SynthFunctions.Reliability -- full --report docs/reliability.md
else
  exec dotnet run -c Release --no-build --project tests/SynthFunctions.Reliability -- "$profile" --report "${TMPDIR:-/tmp}/reliability-$profile.md"
fi
