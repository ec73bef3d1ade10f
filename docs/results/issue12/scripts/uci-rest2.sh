#!/usr/bin/env bash
# issue 12, session 2026-12-03: what uci-rest.sh left (HMC power-plant 13-19, Adversarial Sampling concrete 5-19,
# then wine), with the options of uci-hmc.sh / uci-adversarial.sh, fixed before any result. The jar is commit c866c77;
# its HMC and Adversarial code is unchanged in behaviour since the earlier jars, which the two check runs test first
# (power-plant HMC split 12 and concrete Adversarial split 4, against the collected ones).
# Usage: uci-rest2.sh JAR
export MKL_CBWR=AUTO,STRICT GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736
R=/work/runs/issue12; JAR=${1:?JAR}
run() {  # method name splits folder extra-options...
  m=$1 n=$2 s=$3 f=$4; shift 4
  d=$R/$f/$n-$m; mkdir -p $R/$f; [ -f $d/uci.json ] && return
  nice -n 19 java -Xmx4g -Dai.djl.offline=true -jar $JAR uci --dir /work/shared/data/uci --name "$n" --method $m \
    --splits $s --workers 1 --threads 1 --no-progress --out $d "$@" > $d.log 2>&1
}
HMC="--batch-size 100000 --epochs 400 --hmc-chains 2 --hmc-leapfrog-steps 20 --hmc-adapt"
run hmc power-plant 12 check-12 $HMC
run adversarial concrete 4 check-4
run hmc power-plant 13-14 uci-rest-13-14 $HMC
run hmc power-plant 15-19 uci-15-19 $HMC
for c in 5-9 10-14 15-19; do run adversarial concrete $c uci-$c; done
for c in 0-4 5-9 10-14 15-19; do run adversarial wine-quality-red $c uci-$c; done
