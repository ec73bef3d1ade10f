#!/usr/bin/env bash
for c in 5-9 10-14 15-19; do
  DATASETS="bostonHousing concrete wine-quality-red" /work/runs/issue11/uci-baselines.sh /work/runs/issue11/uci-$c /work/runs/issue11/risbnn.jar $c 2-19
done
