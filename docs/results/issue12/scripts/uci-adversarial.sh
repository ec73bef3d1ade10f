#!/usr/bin/env bash
# issue 12: Adversarial Sampling (authors' defaults: lambda 0.8, 5 ascent steps of size 0.02) on the uci default
# protocol (10,000-step rule, batch 32, prior N(0,1), estimator mc-shared under elbo), options fixed before any result.
export MKL_CBWR=AUTO,STRICT GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736
R=/work/runs/issue12
for c in 0-4 5-9 10-14 15-19; do
for name in bostonHousing concrete wine-quality-red; do
  d=$R/uci-$c/$name-adversarial; mkdir -p $R/uci-$c
  [ -f $d/uci.json ] && continue
  nice -n 19 java -Xmx4g -Dai.djl.offline=true -jar $R/risbnn.jar uci --dir /work/shared/data/uci --name "$name" --method adversarial --splits $c --workers 1 --threads 1 --no-progress --out $d > $d.log 2>&1
done; done
