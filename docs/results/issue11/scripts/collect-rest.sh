#!/usr/bin/env bash
# Copies uci-baselines-rest.sh's results (/work/runs/issue11/rest) into docs/results/issue11/runs/rest: uci.json and
# uci.md of a finished folder, each finished split's summary.json (also of a folder whose job was stopped); then
# rewrites pooled.md. Run from the repository root. Usage: collect-rest.sh [rest|rest2] (default rest; rest2 is
# uci-baselines-rest2.sh's output).
set -u
WHICH="${1:-rest}"; SRC=/work/runs/issue11/$WHICH; DST=docs/results/issue11/runs/$WHICH
for d in $SRC/*/; do
  name=$(basename $d); mkdir -p $DST/$name
  [ -f $d/uci.json ] && cp $d/uci.json $d/uci.md $DST/$name/
  for f in $d/split-*/summary.json; do
    [ -f "$f" ] || continue
    s=$(basename $(dirname $f)); mkdir -p $DST/$name/$s; cp $f $DST/$name/$s/
  done
done
docs/results/issue11/scripts/pooled.sh
