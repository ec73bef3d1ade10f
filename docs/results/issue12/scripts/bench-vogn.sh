#!/usr/bin/env bash
# Issue 12: the cost of VOGN's exact per-example curvature on ResNet-20 (batch 128, M = 2, one thread): risbnn bench
# alternating vogn and mc-shared MFVI (same forward pass, same M) RUNS times; prints each pair's ms/step and the median
# ratio vogn/mfvi. Usage: bench-vogn.sh JAR [RUNS]
set -u
JAR="${1:?JAR}"; RUNS="${2:-3}"
export MKL_CBWR=AUTO,STRICT
ratios=()
for k in $(seq 1 "$RUNS"); do
  v=$(java -Dai.djl.offline=true -jar "$JAR" bench --model resnet20 --estimator vogn --samples 2 --steps 3 --warmup 1 --threads 1 | grep -o '[0-9.]* ms/step' | cut -d' ' -f1)
  m=$(java -Dai.djl.offline=true -jar "$JAR" bench --model resnet20 --estimator mc-shared --samples 2 --steps 3 --warmup 1 --threads 1 | grep -o '[0-9.]* ms/step' | cut -d' ' -f1)
  r=$(python3 -c "print(f'{$v/$m:.2f}')")
  echo "run $k: vogn $v ms/step, mfvi $m ms/step, ratio $r"
  ratios+=("$r")
done
python3 -c "import statistics,sys; print('median ratio vogn/mfvi:', statistics.median(map(float, sys.argv[1:])))" "${ratios[@]}"
