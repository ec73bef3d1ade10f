#!/usr/bin/env bash
# Issue 9, 20-split runs of uci-20.sh: copies every finished split's summary.json (also of a chunk whose job was
# stopped) from /work/runs/issue9/uci-<chunk>/<set>-<estimator>/ (uci-20.sh) and uci20/<set>-<estimator>/ (uci-20b.sh) into docs/results/issue9/uci20-runs/<set>-<estimator>/,
# then tabulates them with aggregate_uci.py into docs/results/issue9/uci-20.md. Run from the repository root.
set -u
SRC=/work/runs/issue9; DST=docs/results/issue9/uci20-runs
for f in $SRC/uci-*/*/split-*/summary.json $SRC/uci20/*/split-*/summary.json; do
  [ -f "$f" ] || continue
  split=$(basename $(dirname "$f")); run=$(basename $(dirname $(dirname "$f")))
  mkdir -p "$DST/$run/$split"; cp "$f" "$DST/$run/$split/"
done
python3 docs/results/issue9/scripts-used/aggregate_uci.py "$DST" > docs/results/issue9/uci-20.md
python3 docs/results/issue9/scripts-used/readme20.py
