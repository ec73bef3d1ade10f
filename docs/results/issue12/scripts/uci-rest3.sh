#!/usr/bin/env bash
# issue 12, session 2026-12-03 (second part): Adversarial Sampling on all 20 splits of wine-quality-red, then
# power-plant, with the options of uci-adversarial.sh (its defaults), fixed before any result. Jar: commit c866c77,
# the one of the concrete runs (the check run of uci-rest2.sh tied it to the earlier jars).
# Usage: uci-rest3.sh JAR
export MKL_CBWR=AUTO,STRICT GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736
R=/work/runs/issue12; JAR=${1:?JAR}
run() {  # method name splits folder extra-options...
  m=$1 n=$2 s=$3 f=$4; shift 4
  d=$R/$f/$n-$m; mkdir -p $R/$f; [ -f $d/uci.json ] && return
  nice -n 19 java -Xmx4g -Dai.djl.offline=true -jar $JAR uci --dir /work/shared/data/uci --name "$n" --method $m \
    --splits $s --workers 1 --threads 1 --no-progress --out $d "$@" > $d.log 2>&1
}
for n in wine-quality-red power-plant; do
for c in 0-4 5-9 10-14 15-19; do run adversarial $n $c uci-$c; done; done
