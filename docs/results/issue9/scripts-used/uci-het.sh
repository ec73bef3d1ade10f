#!/usr/bin/env bash
# Issue 9, heteroscedastic ris (mean-var) at the default UCI protocol, splits 0-4, for the comparison with DVI (Table C).
cd /work/runs/issue9/uci
export MKL_CBWR=AUTO,STRICT GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736
J="java -Xmx4g -Dai.djl.offline=true -jar /work/runs/issue9/risbnn-uci.jar"
for d in concrete bostonHousing wine-quality-red; do
  out=$d-ris-het; [ -f $out/uci.json ] || $J uci --dir /work/shared/data/uci --name $d --estimator ris --splits 0-4 --workers 1 --heteroscedastic --out $out > $out.log 2>&1
done
echo done > QUEUE3_DONE
