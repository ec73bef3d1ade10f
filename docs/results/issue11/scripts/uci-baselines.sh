#!/usr/bin/env bash
# Issue 11: the baselines built on MAP on the UCI splits of issue 9/11 (same protocol as the MAP and VI rows:
# 10,000-step rule, batch 32, Adam 0.01 cosine, prior N(0,1) as weight decay, 50 hidden units, noise σ learned).
# Method options fixed before any result: SWAG and SWAG-diag collect once per epoch from half the run at a constant
# 0.005 (the cosine rate at the switch), rank 20, scale 0.5 / 1; Laplace KFAC GGN over all layers, prior precision by
# the marginal likelihood, GLM predictive; deep ensemble of 5; MC dropout p = 0.05 before every weight layer.
# Usage: docs/results/issue11/scripts/uci-baselines.sh OUT_DIR JAR SPLITS_SMALL SPLITS_POWER
#   (DATASETS="bostonHousing concrete" in the environment runs a subset of the four data sets)
set -u
OUT="${1:?OUT_DIR}"; JAR="${2:?JAR}"; SMALL="${3:-0-2}"; POWER="${4:-0}"
mkdir -p "$OUT"
export MKL_CBWR=AUTO,STRICT GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736
J="nice -n 19 java -Xmx4g -Dai.djl.offline=true -jar $JAR"
options() {
  case "$1" in
    swag|swag-diag) echo "--swag-lr 0.005" ;;
    laplace) echo "--laplace-structure kfac --laplace-prior-precision marglik" ;;
    ensemble) echo "--members 5" ;;
    mc-dropout) echo "--dropout 0.05" ;;
  esac
}
for name in ${DATASETS:-bostonHousing concrete wine-quality-red power-plant}; do
  splits=$SMALL; [ "$name" = power-plant ] && splits=$POWER
  for m in laplace swag mc-dropout swag-diag ensemble; do
    d="$OUT/$name-$m"
    [ -f "$d/uci.json" ] && continue
    $J uci --dir /work/shared/data/uci --name "$name" --method "$m" $(options "$m") --splits "$splits" --workers 1 \
      --threads 1 --no-progress --out "$d" > "$d.log" 2>&1
  done
done
echo done > "$OUT/DONE"
