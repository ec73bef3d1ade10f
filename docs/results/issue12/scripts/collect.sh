#!/usr/bin/env bash
# Copies the finished result files of the issue 12 runs (/work/runs/issue12) into docs/results/issue12/runs
# (uci.json + uci.md per UCI folder and each finished split's summary.json; summary.json + metrics.jsonl per image run). Run from the repository root.
set -u
SRC=/work/runs/issue12; DST=docs/results/issue12/runs
for f in $SRC/uci-*/*/uci.json $SRC/sghmc-*/*/uci.json $SRC/uci20/*/uci.json; do
  [ -f "$f" ] || continue
  d=$(dirname "$f"); rel=${d#$SRC/}; mkdir -p "$DST/$rel"; cp "$d/uci.json" "$d/uci.md" "$DST/$rel/"
done
for f in $SRC/uci-*/*/split-*/summary.json $SRC/sghmc-*/*/split-*/summary.json $SRC/uci20/*/split-*/summary.json; do    # every finished split, also of a folder whose job was stopped
  [ -f "$f" ] || continue
  d=$(dirname "$f"); rel=${d#$SRC/}; mkdir -p "$DST/$rel"; cp "$f" "$DST/$rel/"
done
for f in $SRC/images/*/summary.json; do
  [ -f "$f" ] || continue
  d=$(dirname "$f"); rel=${d#$SRC/}; mkdir -p "$DST/$rel"; cp "$d/summary.json" "$DST/$rel/"
  [ -f "$d/metrics.jsonl" ] && cp "$d/metrics.jsonl" "$DST/$rel/"
done
