#!/usr/bin/env bash
# issue 12, session 2026-12-02 (third part): finishes what the earlier jobs left, with the same jars and options as
# uci-hmc.sh / uci-adversarial.sh (fixed before any result). A cut chunk is rerun only for its missing splits, into
# a folder uci-rest-<splits>; tables.py reads every uci-*/<data set>-<method>/split-*/summary.json.
export MKL_CBWR=AUTO,STRICT GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736
R=/work/runs/issue12
hmc() {  # name splits folder
  d=$R/$3/$1-hmc; mkdir -p $R/$3; [ -f $d/uci.json ] && return
  nice -n 19 java -Xmx4g -Dai.djl.offline=true -jar $R/risbnn-hmc.jar uci --dir /work/shared/data/uci --name "$1" --method hmc \
    --batch-size 100000 --epochs 400 --hmc-chains 2 --hmc-leapfrog-steps 20 --hmc-adapt \
    --splits $2 --workers 1 --threads 1 --no-progress --out $d > $d.log 2>&1
}
adv() {
  d=$R/$3/$1-adversarial; mkdir -p $R/$3; [ -f $d/uci.json ] && return
  nice -n 19 java -Xmx4g -Dai.djl.offline=true -jar $R/risbnn.jar uci --dir /work/shared/data/uci --name "$1" --method adversarial \
    --splits $2 --workers 1 --threads 1 --no-progress --out $d > $d.log 2>&1
}
hmc concrete 19 uci-rest-19
hmc wine-quality-red 15-19 uci-15-19
hmc power-plant 0-4 uci-0-4
for c in 5-9 10-14 15-19; do adv bostonHousing $c uci-$c; done
adv concrete 2-4 uci-rest-2-4
for c in 5-9 10-14 15-19; do hmc power-plant $c uci-$c; done
for c in 5-9 10-14 15-19; do adv concrete $c uci-$c; done
