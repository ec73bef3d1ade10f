#!/usr/bin/env bash
# Figure 2 on Fashion-MNIST: MFVI (mc-shared, ELBO) vs RIS (moment), LeNet, M=10, all 60k images, 5 epochs, test accuracy per epoch.
cd /work/runs
common="--data fashion-mnist --model lenet --epochs 5 --batch-size 128 --samples 10 --eval-samples 20 --epoch-eval-samples 5 --seed 0 --threads 1 --no-progress"
MKL_CBWR=AUTO,STRICT java -Xmx8g -jar risbnn-c.jar train $common --estimator mc-shared --objective elbo --out /work/runs/fm-mfvi > fm-mfvi.log 2>&1 &
MKL_CBWR=AUTO,STRICT java -Xmx8g -jar risbnn-c.jar train $common --estimator ris --objective moment --out /work/runs/fm-ris > fm-ris.log 2>&1 &
wait
