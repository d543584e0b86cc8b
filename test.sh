#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: restores what it needs, builds with warnings as errors,
# runs every test project, and ends with one summary line ("N passed, N failed, N skipped").
set -euo pipefail
cd "$(dirname "$0")"

npm=0
if [ -f package-lock.json ]; then
  # Azurite (the Azure Storage emulator) is a pinned npm dependency; tests start it themselves. It installs while the
  # solution builds, which is told not to install it too (SkipAzuriteInstall).
  npm ci --no-audit --no-fund --loglevel=error &
  npm=$!
fi

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  # The dashboard's browser tests drive Debian's chromium through its chromium-driver (no browser download).
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver
fi

# The build also checks the style (.editorconfig: EnforceCodeStyleInBuild, formatting as IDE0055); the formatter adds
# what the compiler does not see, such as a missing final newline, without compiling again.
# The compiler server compiles the solution's projects in one warm process, about 80 s sooner on 2 cores than a
# compiler started per project (which some environments ask for through UseSharedCompilation=false); it is stopped
# right after, so nothing of the build outlives it.
build=0
dotnet build SynthFunctions.sln -c Release -warnaserror -nologo -clp:ErrorsOnly -p:UseSharedCompilation=true -p:SkipAzuriteInstall=true || build=$?
dotnet build-server shutdown >/dev/null
[ "$build" -eq 0 ] || exit "$build"
[ "$npm" -eq 0 ] || wait "$npm"
dotnet format whitespace --folder --verify-no-changes

rm -rf TestResults
status=0
# Test assemblies run two at a time in the solution's order, which lists the longest-running first.
dotnet test SynthFunctions.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory TestResults "$@" || status=$?

passed=0; failed=0; skipped=0
for trx in TestResults/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed)))
  skipped=$((skipped + $(get notExecuted)))
done
echo
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit "$status"
