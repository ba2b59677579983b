#!/usr/bin/env bash
# Draws docs/architecture.svg and docs/solution.svg from their .dot sources with Graphviz (Debian package: graphviz).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dot >/dev/null || { echo "Graphviz's dot is needed: apt-get install -y graphviz" >&2; exit 1; }
for graph in architecture solution; do
    dot -Tsvg "docs/$graph.dot" -o "docs/$graph.svg"
    echo "wrote docs/$graph.svg"
done
