#!/usr/bin/env bash
# Runs every test. Installs what the tests need when it is missing: Debian's chromium (browser tests), poppler-utils,
# qpdf and openssl (PDF and timestamp checks), and the pinned Azurite and axe-core from package-lock.json (Azure Storage tests, accessibility checks in
# the browser tests). Ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if ((${#missing[@]})); then
  echo "test.sh: installing ${missing[*]} from Debian's packages"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v node >/dev/null 2>&1; then
  echo "test.sh: Node.js 20+ is needed to run Azurite and install axe-core (apt-get install nodejs npm)." >&2
  exit 1
fi
if [ ! -f node_modules/azurite/package.json ] || [ ! -f node_modules/axe-core/axe.min.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "test.sh: installing Azurite and axe-core (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

log=$(mktemp)
# The fault tests (tests/EsgTrace.Cluster.Tests) append their counts here: requests sent, acknowledged, found stored;
# the API fuzz test (tests/EsgTrace.Portal.Tests/Fuzz) its requests by status.
export ESGTRACE_FAULT_REPORT
ESGTRACE_FAULT_REPORT=$(mktemp)
trap 'rm -f "$log" "$ESGTRACE_FAULT_REPORT"' EXIT
status=0
dotnet test EsgTrace.sln "$@" 2>&1 | tee "$log" || status=$?

if [ -s "$ESGTRACE_FAULT_REPORT" ]; then
  echo "Fault tests:"
  sed 's/^/  /' "$ESGTRACE_FAULT_REPORT"
fi

# One closing line for the whole suite, summed over the test assemblies.
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
