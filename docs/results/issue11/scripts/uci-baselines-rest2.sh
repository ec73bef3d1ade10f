#!/usr/bin/env bash
# Issue 11, from session 2026-12-04 on: the splits of uci-baselines-rest.sh's plan (3-19 of the small sets, 1-19 of
# power-plant; same methods, options and jar, d41266f) that no committed folder runs/rest*/<set>-<method> holds yet.
# A session's work tree and /work/runs are laid anew, so the plan is taken from the committed per-split files each time.
# Two lanes for two cores: A = bostonHousing ensemble, then power-plant; B = concrete, then wine-quality-red.
# Usage (from the repository root): uci-baselines-rest2.sh JAR A|B
set -u
JAR="${1:?JAR}"; LANE="${2:?A or B}"; R=/work/runs/issue11/rest2; DONE=docs/results/issue11/runs
export MKL_CBWR=AUTO,STRICT GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736
options() {
  case "$1" in
    swag|swag-diag) echo "--swag-lr 0.005" ;;
    laplace) echo "--laplace-structure kfac --laplace-prior-precision marglik" ;;
    ensemble) echo "--members 5" ;;
    mc-dropout) echo "--dropout 0.05" ;;
  esac
}
# the planned splits of (set, method) that no committed rest folder holds, as a --splits list (empty if none)
missing() {
  local first=3; [ "$1" = power-plant ] && first=1
  local out=() s
  for s in $(seq $first 19); do
    ls $DONE/rest*/"$1-$2"/split-$s/summary.json > /dev/null 2>&1 || out+=($s)
  done
  (IFS=,; echo "${out[*]}")
}
case "$LANE" in
  A) sets="bostonHousing power-plant" ;;
  B) sets="concrete wine-quality-red" ;;
  *) echo "uci-baselines-rest2.sh: lane '$LANE': expected A or B" >&2; exit 2 ;;
esac
mkdir -p $R
for name in $sets; do
  for m in map laplace swag mc-dropout swag-diag ensemble; do
    splits=$(missing "$name" "$m")
    [ -z "$splits" ] && continue
    d=$R/$name-$m
    [ -f $d/uci.json ] && continue
    nice -n 19 java -Xmx4g -Dai.djl.offline=true -jar $JAR uci --dir /work/shared/data/uci --name "$name" --method "$m" \
      $(options "$m") --splits $splits --workers 1 --threads 1 --no-progress --out $d >> $d.log 2>&1
  done
done
