#!/usr/bin/env bash
# issue 12: VOGN on power-plant, the fourth visible UCI set, with uci-vogn.sh's jar and options (its defaults,
# the uci default protocol), fixed before any result.
export MKL_CBWR=AUTO,STRICT GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736
R=/work/runs/issue12
for c in 0-4 5-9 10-14 15-19; do
  d=$R/uci-$c/power-plant-vogn; mkdir -p $R/uci-$c
  [ -f $d/uci.json ] && continue
  nice -n 19 java -Xmx4g -Dai.djl.offline=true -jar $R/risbnn-vogn.jar uci --dir /work/shared/data/uci --name power-plant --method vogn --splits $c --workers 1 --threads 1 --no-progress --out $d > $d.log 2>&1
done
