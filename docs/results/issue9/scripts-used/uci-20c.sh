#!/usr/bin/env bash
# Issue 9, from session 2026-12-04 on: the whole 20-split grid again with one jar (a bostonHousing ris split takes
# 35-45 s of a core when at most two jobs share the machine; 140-350 s before came from four jobs and more), at the
# uci default protocol
# (50 ReLUs, batch 32, Adam 0.01 cosine, M = 10, epochs = max(40, ceil(10000 / steps per epoch)), seed 0, and from
# UciCommand.DEFAULT_VI_PRIOR on, the variational rows' default prior N(0, 0.5²), chosen on validation rows: prior-validation/).
# Estimators in the order ris, analytic, quadrature,
# lrt, mc-shared (each with its default objective), then ris --heteroscedastic (TAG het) and protein. The splits of
# each (set, estimator) that no committed folder docs/results/issue9/uci20c-runs/<set>-<estimator>/ holds are run
# into /work/runs/issue9/uci20c/ (a session's /work/runs is laid anew). Run from the repository root.
# Several copies may run at once (one per core): each (set, estimator) folder is claimed by the first copy to reach it
# (mkdir of FOLDER.claim; delete the claims to start again after a stop). ESTIMATORS (default: all, in the order
# above) picks the estimators of one copy.
# Usage: uci-20c.sh JAR [ESTIMATORS]
set -u
export MKL_CBWR=AUTO,STRICT GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736
JAR=${1:?JAR}; ESTIMATORS=${2:-ris analytic quadrature lrt mc-shared}; R=/work/runs/issue9/uci20c
DONE=docs/results/issue9/uci20c-runs
run() {   # run NAME ESTIMATOR TAG [uci options...]
  local name=$1 est=$2 tag=$3; shift 3
  local d=$R/$name-$est$tag missing
  missing=$(for k in $(seq 0 19); do [ -f $DONE/$name-$est$tag/split-$k/summary.json ] || echo $k; done | paste -sd, -)
  [ -z "$missing" ] && return
  [ -f $d/uci.json ] && return
  mkdir -p $R
  mkdir $d.claim 2>/dev/null || return
  java --add-modules jdk.incubator.vector -Xmx4g -Dai.djl.offline=true -jar $JAR uci --dir /work/shared/data/uci \
    --name $name --estimator $est --splits $missing --workers 1 --threads 1 --no-progress --out $d "$@" >> $d.log 2>&1
}
for est in $ESTIMATORS; do
  for name in bostonHousing concrete wine-quality-red power-plant; do run $name $est ""; done
done
for name in bostonHousing concrete wine-quality-red power-plant; do run $name ris -het --heteroscedastic; done
run protein-tertiary-structure ris ""
