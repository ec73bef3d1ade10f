#!/usr/bin/env bash
# MAP rows on the UCI splits used for issue 9's VI tables (10,000-step rule, batch 32, Adam, cosine, prior N(0,1)).
set -u
OUT="${1:?usage: docs/results/issue11/uci-map.sh OUT_DIR (run from the repository root)}"
mkdir -p "$OUT"
export MKL_CBWR=AUTO,STRICT GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736
for name in bostonHousing concrete wine-quality-red; do
  nice -n 19 java -Xmx4g -jar target/risbnn-0.1.0-SNAPSHOT-cli.jar uci --dir ../shared/data/uci --name "$name" --estimator map --splits 0-4 --workers 1 \
    --out "$OUT"/$name > "$OUT"/$name.log 2>&1
done
nice -n 19 java -Xmx4g -jar target/risbnn-0.1.0-SNAPSHOT-cli.jar uci --dir ../shared/data/uci --name power-plant --estimator map --splits 0-1 --workers 1 \
  --out "$OUT"/power-plant > "$OUT"/power-plant.log 2>&1
echo done > "$OUT"/DONE
