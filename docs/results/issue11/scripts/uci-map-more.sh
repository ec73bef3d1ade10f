#!/usr/bin/env bash
export MKL_CBWR=AUTO,STRICT GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736
for c in 5-9 10-14 15-19; do
for name in bostonHousing concrete wine-quality-red; do
  d=/work/runs/issue11/map-$c/$name; mkdir -p /work/runs/issue11/map-$c
  [ -f $d/uci.json ] && continue
  nice -n 19 java -Xmx4g -Dai.djl.offline=true -jar /work/runs/issue11/risbnn.jar uci --dir /work/shared/data/uci --name "$name" --estimator map --splits $c --workers 1 --threads 1 --no-progress --out $d > $d.log 2>&1
done; done
