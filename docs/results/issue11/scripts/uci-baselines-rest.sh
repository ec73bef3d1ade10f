#!/usr/bin/env bash
# Issue 11, from session 2026-12-03 (second part) on: MAP and the part-1 baselines on every split not yet committed
# (3-19 of the three small sets, 1-19 of power-plant; splits 0-2 and power-plant 0 are in runs/uci), with the options
# of uci-baselines.sh (fixed before any result). One folder per (set, method) over all its missing splits: a jar from
# commit d41266f on keeps finished splits and continues an interrupted one when the same command is started again,
# so nothing is lost when a session ends. Usage: uci-baselines-rest.sh JAR
set -u
JAR="${1:?JAR}"; R=/work/runs/issue11/rest
export MKL_CBWR=AUTO,STRICT GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736
options() {
  case "$1" in
    swag|swag-diag) echo "--swag-lr 0.005" ;;
    laplace) echo "--laplace-structure kfac --laplace-prior-precision marglik" ;;
    ensemble) echo "--members 5" ;;
    mc-dropout) echo "--dropout 0.05" ;;
  esac
}
mkdir -p $R
for name in bostonHousing concrete wine-quality-red power-plant; do
  splits=3-19; [ "$name" = power-plant ] && splits=1-19
  for m in map laplace swag mc-dropout swag-diag ensemble; do
    d=$R/$name-$m
    [ -f $d/uci.json ] && continue
    nice -n 19 java -Xmx4g -Dai.djl.offline=true -jar $JAR uci --dir /work/shared/data/uci --name "$name" --method "$m" \
      $(options "$m") --splits $splits --workers 1 --threads 1 --no-progress --out $d >> $d.log 2>&1
  done
done
