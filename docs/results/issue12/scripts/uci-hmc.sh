#!/usr/bin/env bash
# issue 12: full-batch HMC on UCI (options fixed before any result): 2 chains of 400 iterations each (burn-in half),
# 20 leapfrog steps, step size adapted by dual averaging during burn-in to 0.8 acceptance (start 0.01), prior N(0,1),
# the noise log σ sampled with the weights (flat prior), 50 hidden ReLUs; batch 100000 = the whole training set.
# The uci 10,000-step rule does not apply (one step is one HMC iteration): --epochs 400.
export MKL_CBWR=AUTO,STRICT GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736
R=/work/runs/issue12
for c in 0-4 5-9 10-14 15-19; do
for name in bostonHousing concrete wine-quality-red; do
  d=$R/uci-$c/$name-hmc; mkdir -p $R/uci-$c
  [ -f $d/uci.json ] && continue
  nice -n 19 java -Xmx4g -Dai.djl.offline=true -jar $R/risbnn-hmc.jar uci --dir /work/shared/data/uci --name "$name" --method hmc \
    --batch-size 100000 --epochs 400 --hmc-chains 2 --hmc-leapfrog-steps 20 --hmc-adapt \
    --splits $c --workers 1 --threads 1 --no-progress --out $d > $d.log 2>&1
done; done
