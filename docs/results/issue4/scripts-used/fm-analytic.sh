#!/usr/bin/env bash
# Control: the same moment objective with the closed-form estimator (is the collapse of sampled networks the objective's or RIS's?)
cd /work/runs
MKL_CBWR=AUTO,STRICT java -Xmx8g -jar risbnn-c.jar train --data fashion-mnist --model lenet --epochs 5 --batch-size 128 --samples 10 --eval-samples 20 --epoch-eval-samples 5 --seed 0 --threads 1 --no-progress --estimator analytic --objective moment --out /work/runs/fm-analytic > fm-analytic.log 2>&1
