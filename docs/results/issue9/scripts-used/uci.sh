#!/usr/bin/env bash
# Issue 9, UCI at the default protocol (one hidden layer of 50 ReLUs, batch 32, Adam 0.01 cosine, M = 10,
# epochs = max(40, ceil(10000 / steps per epoch)), U(±1/sqrt(fan-in)) bias means), splits 0-4 of the 20
# standard ones (all 20 do not fit this session's 2 cores; said so in the note), seed 0, one thread per run.
# Usage: uci.sh QUEUE   (two queues run side by side)
cd /work/runs/issue9/uci
export MKL_CBWR=AUTO,STRICT GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736
J="java -Xmx4g -Dai.djl.offline=true -jar /work/runs/issue9/risbnn-uci.jar"
one() { est=$1; name=$2; splits=$3; shift 3; out=$name-$est$(echo "$@" | tr -d ' -'); [ -f $out/uci.json ] || $J uci --dir /work/shared/data/uci --name $name --estimator $est --splits $splits --workers 1 --out $out "$@" > $out.log 2>&1; }
case $1 in
  1) for d in bostonHousing concrete wine-quality-red; do one ris $d 0-4; done; one ris power-plant 0-1
     for d in bostonHousing concrete wine-quality-red; do one ris $d 0-4 --heteroscedastic; done
     for d in bostonHousing concrete; do one lrt $d 0-4; done ;;
  2) for d in bostonHousing concrete wine-quality-red; do one mc-shared $d 0-4; done; one mc-shared power-plant 0-1
     for d in bostonHousing concrete wine-quality-red; do one analytic $d 0-4; done
     for d in bostonHousing concrete; do one quadrature $d 0-4; done ;;
esac
echo done > QUEUE$1_DONE
