#!/usr/bin/env bash
# Fashion-MNIST LeNet: the four estimators under the moment objective at M=1 and M=10 (same seed, data order, budget).
cd /work/runs
for M in 1 10; do
  MKL_CBWR=AUTO,STRICT java -Xmx8g -jar risbnn-b.jar compare --data fashion-mnist --model lenet --estimators mc-shared,lrt,analytic,ris --objective moment --samples $M --subset 10000 --epochs 3 --batch-size 128 --seeds 1 --eval-samples 10 --threads 1 --no-progress --out /work/runs/fm-m$M > fm-m$M.log 2>&1 &
done
wait
