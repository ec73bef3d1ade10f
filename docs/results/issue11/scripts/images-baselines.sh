#!/usr/bin/env bash
# Issue 11: every method built on MAP on Fashion-MNIST LeNet (issue 9's budget: 10,000 seeded training images,
# 5 epochs, batch 128, Adam 0.01 cosine, seed 0, 20 sampled networks on all 10,000 test images, 1 after each epoch) and on a
# CIFAR-10-JPEG ResNet-20 subset (5,000 seeded training images, 5 epochs, batch 128, Adam 0.01 cosine, seed 0,
# 20 sampled networks on the first 200 test images of each class = 2,000), then OOD: FM against CIFAR-10 test
# images as 28x28 gray (100 networks, 2,000 images each), CIFAR against FM test images as 32x32 RGB
# (20 networks, 1,000 images each). Method options fixed before any result: SWAG collects every 10 steps (FM;
# CIFAR every 5) from epoch 2 at a constant 0.005; Laplace last-layer full GGN, marginal-likelihood prior
# precision, probit GLM; 5 ensemble members; MC dropout p = 0.05.
# Usage: images-baselines.sh OUT_DIR JAR CIFAR_SMALL_DIR
set -u
OUT="${1:?OUT_DIR}"; JAR="${2:?JAR}"; CIFAR="${3:?CIFAR_SMALL_DIR (train/ and test/ folders)}"
mkdir -p "$OUT"; cd "$OUT"
export MKL_CBWR=AUTO,STRICT GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736
J="nice -n 19 java -Xmx8g -Dai.djl.offline=true -jar $JAR"
options() {   # method, collect-every
  case "$1" in
    swag|swag-diag) echo "--swag-lr 0.005 --swag-start 2 --swag-collect-every $2" ;;
    laplace) echo "--laplace-structure last-layer --laplace-prior-precision marglik --laplace-link probit" ;;
    ensemble) echo "--members 5" ;;
    mc-dropout) echo "--dropout 0.05" ;;
  esac
}
methods="map laplace swag mc-dropout swag-diag ensemble"
fm="--data fashion-mnist --model lenet --subset 10000 --epochs 5 --batch-size 128 --eval-samples 20 --epoch-eval-samples 1 --seed 0 --threads 1 --no-progress"
for m in $methods; do
  d=fm-$m
  [ -f $d/summary.json ] || $J train $fm --method $m $(options $m 10) --out $d > $d.log 2>&1
  [ -f $d/ood/ood.json ] || $J ood --run $d --ood-data imagefolder:/work/shared/data/cifar10-jpeg --ood-resize --samples 100 --limit 2000 --threads 1 > $d-ood.log 2>&1
done
cifar="--data imagefolder:$CIFAR --model resnet20 --subset 5000 --epochs 5 --batch-size 128 --eval-samples 20 --epoch-eval-samples 1 --seed 0 --threads 1 --no-progress"
for m in $methods; do
  d=cifar-$m
  [ -f $d/summary.json ] || $J train $cifar --method $m $(options $m 5) --out $d > $d.log 2>&1
  [ -f $d/ood/ood.json ] || $J ood --run $d --ood-data fashion-mnist --ood-resize --samples 20 --limit 1000 --threads 1 > $d-ood.log 2>&1
done
echo done > ALL_DONE
