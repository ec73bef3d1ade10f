#!/usr/bin/env bash
# The same sample-models and ood commands as fm.sh, for two of its runs, in reverse order beside it (time).
cd /work/runs/issue9/fm
export MKL_CBWR=AUTO,STRICT GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736
J="java -Xmx8g -Dai.djl.offline=true -jar /work/runs/issue9/risbnn.jar"
for r in ris-moment analytic-meanvar; do
  [ -f $r/sample-models/summary.json ] || $J sample-models --run $r --count 1000 --limit 2000 --threads 1 --no-progress > $r-sample.log 2>&1
  [ -f $r/ood/ood.json ] || $J ood --run $r --ood-data imagefolder:/work/shared/data/cifar10-jpeg --ood-resize --samples 100 --limit 2000 --threads 1 > $r-ood.log 2>&1
done
