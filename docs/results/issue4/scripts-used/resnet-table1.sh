#!/usr/bin/env bash
# ResNet-20 on the CIFAR-10 JPEG folder through the table1 protocol, small stated budget:
# 2,000 training images, 3 epochs, batch 128, M=10, Adam 1e-3 cosine, crop+flip, 1 seed; T=1 (mfvi), T=0.1 (ris).
cd /work/runs
MKL_CBWR=AUTO,STRICT java -Xmx12g -jar risbnn-c.jar table1 --data imagefolder:/work/shared/data/cifar10-jpeg \
  --rows mfvi,ris --subset 2000 --epochs 3 --samples 10 --seeds 1 --eval-samples 4 --epoch-eval-samples 1 \
  --threads 2 --no-progress --out /work/runs/resnet-table1 > resnet-table1.log 2>&1
