#!/usr/bin/env bash
# Session 2026-12-02b: the part-1 baselines and MAP on the splits whose per-split files were lost (a too-wide
# .gitignore pattern `uci-*/` hid every chunk folder), chunk by chunk, the missing splits 3-4 first.
export MKL_CBWR=AUTO,STRICT GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736
R=/work/runs/issue11
for c in 3-4 5-9 10-14 15-19; do
  for name in bostonHousing concrete wine-quality-red; do
    d=$R/uci-$c/$name-map; mkdir -p $R/uci-$c
    [ -f $d/uci.json ] || nice -n 19 java -Xmx4g -Dai.djl.offline=true -jar $R/risbnn.jar uci --dir /work/shared/data/uci \
      --name "$name" --method map --splits $c --workers 1 --threads 1 --no-progress --out $d > $d.log 2>&1
  done
  DATASETS="bostonHousing concrete wine-quality-red" $R/uci-baselines.sh $R/uci-$c $R/risbnn.jar $c 2-19
done
