#!/bin/sh
# Creates Benchmarks/peers/.venv with OR-Tools CP-SAT and PyYAML (the CP-SAT peer's needs).
set -e
here=$(cd "$(dirname "$0")" && pwd)
python3 -m venv "$here/.venv"
"$here/.venv/bin/pip" install --quiet --upgrade pip
"$here/.venv/bin/pip" install --quiet ortools pyyaml
"$here/.venv/bin/python" -c 'import ortools, yaml; print("ortools", ortools.__version__)'
