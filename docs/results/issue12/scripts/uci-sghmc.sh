#!/usr/bin/env bash
# issue 12: SGHMC (cSG-MCMC defaults: 4 cycles, beta 0.8, 3 samples/cycle, friction 0.1, T 1, base lr = uci's --lr)
# on the uci default protocol (10,000-step rule, batch 32, prior N(0,1)), options fixed before any result.
# (run after the MAP job of issue 11 on a shared machine)
export MKL_CBWR=AUTO,STRICT GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736
for c in 0-4 5-9 10-14 15-19; do
for name in bostonHousing concrete wine-quality-red; do
  d=/work/runs/issue12/sghmc-$c/$name-sghmc; mkdir -p /work/runs/issue12/sghmc-$c
  [ -f $d/uci.json ] && continue
  nice -n 19 java -Xmx4g -Dai.djl.offline=true -jar /work/runs/issue12/risbnn.jar uci --dir /work/shared/data/uci --name "$name" --method sghmc --splits $c --workers 1 --threads 1 --no-progress --out $d > $d.log 2>&1
done; done
