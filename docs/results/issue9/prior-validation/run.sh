#!/usr/bin/env bash
# The runs of PROTOCOL.md. Usage: run.sh JAR OUT
set -u
JAR="${1:?JAR}"; OUT="${2:?OUT}"
export MKL_CBWR=AUTO,STRICT GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736
mkdir -p "$OUT"
for name in bostonHousing concrete; do
  for sigma in 0.5 2.0; do
    d=$OUT/$name-sigma$sigma
    [ -f $d/uci.json ] && continue
    java --add-modules jdk.incubator.vector -Xmx2g -Dai.djl.offline=true -jar $JAR uci --dir /work/shared/data/uci \
      --name $name --estimator ris --prior gaussian:$sigma --validation-fraction 0.1 --splits 0-2 --workers 1 --threads 1 \
      --no-progress --out $d >> $d.log 2>&1
  done
done
