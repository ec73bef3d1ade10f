#!/usr/bin/env bash
# issue 12: VOGN (defaults: momentum 0.9, curvature decay 0.999, damping 1e-3, KL weight 1, data scale 1; M = --samples 10)
# on the uci default protocol (10,000-step rule, batch 32, --lr 0.01 cosine, prior N(0,1)), options fixed before any result.
export MKL_CBWR=AUTO,STRICT GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736
R=/work/runs/issue12
for c in 0-4 5-9 10-14 15-19; do
for name in bostonHousing concrete wine-quality-red; do
  d=$R/uci-$c/$name-vogn; mkdir -p $R/uci-$c
  [ -f $d/uci.json ] && continue
  nice -n 19 java -Xmx4g -Dai.djl.offline=true -jar $R/risbnn-vogn.jar uci --dir /work/shared/data/uci --name "$name" --method vogn --splits $c --workers 1 --threads 1 --no-progress --out $d > $d.log 2>&1
done; done
