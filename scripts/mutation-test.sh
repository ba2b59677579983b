#!/usr/bin/env bash
# Mutation testing of Brama.Core with Stryker.NET (dotnet-stryker, pinned in .config/dotnet-tools.json).
# The heavy stress and model-based tests run at a fraction of their size (BRAMA_TEST_SCALE=quick) because every
# mutant runs the tests that cover it. Too slow for .ci/run on two cores; reports go to artifacts/mutation/.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore
cd tests/Brama.Core.Tests
BRAMA_TEST_SCALE=quick dotnet stryker --config-file stryker-config.json --output ../../artifacts/mutation "$@"
