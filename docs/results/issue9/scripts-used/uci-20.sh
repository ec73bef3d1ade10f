#!/usr/bin/env bash
# Issue 9, session 2026-12-02 (third part): the default ris/mean-var (and mc-shared/elbo) on all 20 splits of the four
# visible UCI sets at the uci default protocol, unchanged from uci.sh (50 ReLUs, batch 32, Adam 0.01 cosine, M = 10,
# epochs = max(40, ceil(10000 / steps per epoch)), seed 0), with the jar of commit fae47de (splits 0-4 are run again
# with it: they are the check that the later speed passes did not move the results). Chunks of 5 splits.
# Usage: uci-20.sh ESTIMATOR [PID to wait for first]
export MKL_CBWR=AUTO,STRICT GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736
R=/work/runs/issue9; est=${1:?ESTIMATOR}
[ -n "${2:-}" ] && while kill -0 $2 2>/dev/null; do sleep 15; done
for name in bostonHousing concrete wine-quality-red power-plant; do   # set by set: whole data sets first
for c in 0-4 5-9 10-14 15-19; do
  d=$R/uci-$c/$name-$est; mkdir -p $R/uci-$c
  [ -f $d/uci.json ] && continue
  nice -n 19 java -Xmx4g -Dai.djl.offline=true -jar /work/runs/risbnn-i9.jar uci --dir /work/shared/data/uci --name $name --estimator $est \
    --splits $c --workers 1 --threads 1 --no-progress --out $d > $d.log 2>&1
done; done
