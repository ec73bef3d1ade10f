#!/usr/bin/env bash
# issue 12, session 2026-12-03 (second part): SGHMC on all 20 splits of the four sets, with the options of
# uci-sghmc.sh (cSG-MCMC defaults: 4 cycles, beta 0.8, 3 samples/cycle, friction 0.1, T 1; the uci default
# protocol), fixed before any result: power-plant first (never run), then the three small sets again (their
# per-split files from the first run were never committed). Jar: commit c866c77.
# Usage: uci-sghmc2.sh JAR [PID to wait for first]
export MKL_CBWR=AUTO,STRICT GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736
JAR=${1:?JAR}
[ -n "${2:-}" ] && while kill -0 $2 2>/dev/null; do sleep 15; done
for name in power-plant bostonHousing concrete wine-quality-red; do
for c in 0-4 5-9 10-14 15-19; do
  d=/work/runs/issue12/sghmc-$c/$name-sghmc; mkdir -p /work/runs/issue12/sghmc-$c
  [ -f $d/uci.json ] && continue
  nice -n 19 java -Xmx4g -Dai.djl.offline=true -jar $JAR uci --dir /work/shared/data/uci --name "$name" --method sghmc \
    --splits $c --workers 1 --threads 1 --no-progress --out $d > $d.log 2>&1
done; done
