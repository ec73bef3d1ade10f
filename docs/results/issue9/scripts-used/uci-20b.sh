#!/usr/bin/env bash
# Issue 9, from session 2026-12-03 (second part) on: the rest of the 20-split grid at the uci default protocol,
# unchanged from uci-20.sh (50 ReLUs, batch 32, Adam 0.01 cosine, M = 10, epochs = max(40, ceil(10000 / steps per
# epoch)), seed 0). One folder per (set, estimator) holding the splits no chunk folder of uci-20.sh finished; a jar
# from commit d41266f on keeps finished splits and continues an interrupted one when started again, so a session's
# end loses nothing. (That jar gives bit-identical split results to uci-20.sh's c866c77 jar on one machine:
# SGHMC power-plant split 0, metrics, trace and epoch log.) Extra options after the estimator are passed to uci
# (e.g. --heteroscedastic, with its own output folder name given by TAG=het).
# Usage: uci-20b.sh JAR ESTIMATOR [uci options...]
export MKL_CBWR=AUTO,STRICT GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736
JAR=${1:?JAR}; est=${2:?ESTIMATOR}; shift 2
R=/work/runs/issue9; tag=${TAG:+-$TAG}
for name in bostonHousing concrete wine-quality-red power-plant; do
  missing=$(for k in $(seq 0 19); do ls $R/uci-*/$name-$est$tag/split-$k/summary.json >/dev/null 2>&1 || echo $k; done | paste -sd, -)
  [ -z "$missing" ] && continue
  d=$R/uci20/$name-$est$tag; mkdir -p $R/uci20
  [ -f $d/uci.json ] && continue
  nice -n 19 java -Xmx4g -Dai.djl.offline=true -jar $JAR uci --dir /work/shared/data/uci --name $name --estimator $est \
    --splits $missing --workers 1 --threads 1 --no-progress --out $d "$@" >> $d.log 2>&1
done
