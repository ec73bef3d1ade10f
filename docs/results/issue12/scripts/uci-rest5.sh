#!/usr/bin/env bash
# issue 12, session 2026-12-03 (second part): after uci-rest4.sh (wine 10-19 finished, power-plant started with one worker), Adversarial
# Sampling on wine-quality-red splits 10-19 and all 20 power-plant splits, with the options of uci-adversarial.sh
# (its defaults), in one folder per set with a jar of commit d41266f, which keeps finished splits and continues an
# interrupted one when started again (it reproduces c866c77's split results bit for bit on one machine).
# Two workers (the splits are independent runs, each seeded by its split; the result does not depend on the
# worker count). Usage: uci-rest5.sh JAR [PID to wait for first]
export MKL_CBWR=AUTO,STRICT GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736
R=/work/runs/issue12; JAR=${1:?JAR}
[ -n "${2:-}" ] && while kill -0 $2 2>/dev/null; do sleep 15; done
run() {  # method name splits
  d=$R/uci20/$2-$1; mkdir -p $R/uci20; [ -f $d/uci.json ] && return
  nice -n 19 java -Xmx4g -Dai.djl.offline=true -jar $JAR uci --dir /work/shared/data/uci --name "$2" --method $1 \
    --splits $3 --workers 2 --threads 1 --no-progress --out $d >> $d.log 2>&1
}

run adversarial power-plant 0-19
