#!/usr/bin/env bash
# Mutation testing of Brama.Core with Stryker.NET (dotnet-stryker, pinned in .config/dotnet-tools.json).
# Takes about an hour on two cores, so it is not part of .ci/run. Reports go to artifacts/mutation/.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore
cd tests/Brama.Core.Tests
dotnet stryker --config-file stryker-config.json --output ../../artifacts/mutation "$@"
