#!/usr/bin/env bash
# RIS under a cold posterior (T=0.1, the poster's setting for RIS): do sampled networks stay accurate?
cd /work/runs
MKL_CBWR=AUTO,STRICT java -Xmx8g -jar risbnn-c.jar train --data fashion-mnist --model lenet --epochs 3 --batch-size 128 --samples 10 --eval-samples 20 --epoch-eval-samples 5 --seed 0 --threads 1 --no-progress --estimator ris --objective moment --temperature 0.1 --out /work/runs/fm-ris-cold > fm-ris-cold.log 2>&1
