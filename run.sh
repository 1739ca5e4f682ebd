#!/usr/bin/env bash
# Runs the whole platform on this machine: portal + API + one embedded Orleans silo, SQLite + files under ./data,
# demo users seeded at first start (their passwords are printed and saved to data/demo-credentials.txt).
# Extra arguments go to the portal, e.g. ./run.sh --Urls http://127.0.0.1:8080
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is needed: https://dotnet.microsoft.com/download (or apt-get install dotnet-sdk-10.0 where packaged)." >&2
  exit 1
fi
# dotnet run makes the project folder the working directory, so name the data folder explicitly (default ./data here).
exec dotnet run --project client-portal/EsgTrace.Portal -c Release -- --Storage:DataDirectory "${ESGTRACE_DATA:-$PWD/data}" "$@"
