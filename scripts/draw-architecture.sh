#!/usr/bin/env bash
# Draws docs/architecture.svg from docs/architecture.dot with Graphviz (Debian package: graphviz).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dot >/dev/null || { echo "Graphviz's dot is needed: apt-get install -y graphviz" >&2; exit 1; }
dot -Tsvg docs/architecture.dot -o docs/architecture.svg
echo "wrote docs/architecture.svg"
