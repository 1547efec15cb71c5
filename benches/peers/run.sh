#!/usr/bin/env bash
# Time the usual Python tools against gwr on the same corpus and the same dictionary terms.
#
#   benches/peers/run.sh [CORPUS]      (default: ../shared/corpora/national-zh)
#
# Creates a virtual environment (target/peers-venv) with jieba, pyahocorasick and flashtext, exports the
# dictionary's normalized Chinese forms and the corpus' normalized text with `gwr bench --export`, then prints
# time and match count of each tool side by side with gwr, and where each count differs from gwr's and why.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
corpus=${1:-$root/../shared/corpora/national-zh}
venv=${PEERS_VENV:-$root/target/peers-venv}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check jieba pyahocorasick flashtext

(cd "$root" && cargo build --release --quiet --bin gwr)
gwr=$root/target/release/gwr
"$gwr" bench "$corpus" --export "$work"
# gwr on exactly the exported text, one thread, like the Python tools.
"$gwr" bench "$work/corpus.txt" --threads 1 --repeat 3 --json > "$work/gwr.json"
"$venv/bin/python" "$root/benches/peers/peers.py" "$work"
