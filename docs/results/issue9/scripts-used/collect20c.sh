#!/usr/bin/env bash
# Issue 9, uci-20c.sh's grid: copies every finished split's summary.json (also of a folder whose job was stopped) from
# /work/runs/issue9/uci20c/<set>-<estimator>/ into docs/results/issue9/uci20c-runs/<set>-<estimator>/, then tabulates
# them with aggregate_uci.py into docs/results/issue9/uci-20c.md. Run from the repository root.
set -u
SRC=/work/runs/issue9/uci20c; DST=docs/results/issue9/uci20c-runs
for f in $SRC/*/split-*/summary.json; do
  [ -f "$f" ] || continue
  split=$(basename $(dirname "$f")); run=$(basename $(dirname $(dirname "$f")))
  mkdir -p "$DST/$run/$split"; cp "$f" "$DST/$run/$split/"
done
python3 docs/results/issue9/scripts-used/aggregate_uci.py "$DST" > docs/results/issue9/uci-20c.md
