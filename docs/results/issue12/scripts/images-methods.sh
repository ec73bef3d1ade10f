#!/usr/bin/env bash
# Issue 12: the part-2 methods on issue 11's image budgets. Fashion-MNIST LeNet: 10,000 seeded training images,
# 5 epochs, batch 128, Adam/--lr 0.01 cosine, seed 0, 20 sampled networks on all 10,000 test images; CIFAR-10-JPEG
# ResNet-20 subset: 5,000 seeded training images, 5 epochs, batch 128, 20 networks on the first 200 test images
# of each class. Options fixed before any result: SGHMC one cycle, exploration 0.4, 3 samples (epochs 3-5 end in
# its sampling phase); Adversarial Sampling the authors' defaults (M = 1); VOGN its defaults with M = 4 (FM) and
# M = 2 (CIFAR), beside mc-shared MFVI at the same M for the per-example curvature's cost; HMC (FM only) on a
# 1,000-image subset, full batch, 2 chains of 60 iterations (20 burn-in, step size adapted during burn-in to 0.8
# acceptance), 10 leapfrog steps, no per-epoch evaluation (an epoch is one iteration).
# Usage: images-methods.sh OUT_DIR JAR CIFAR_SMALL_DIR
set -u
OUT="${1:?OUT_DIR}"; JAR="${2:?JAR}"; CIFAR="${3:?CIFAR_SMALL_DIR (train/ and test/ folders)}"
mkdir -p "$OUT"; cd "$OUT"
export MKL_CBWR=AUTO,STRICT GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736
J="nice -n 19 java -Xmx8g -Dai.djl.offline=true -jar $JAR"
fm="--data fashion-mnist --model lenet --subset 10000 --epochs 5 --batch-size 128 --eval-samples 20 --epoch-eval-samples 1 --seed 0 --threads 1 --no-progress"
cifar="--data imagefolder:$CIFAR --model resnet20 --subset 5000 --epochs 5 --batch-size 128 --eval-samples 20 --epoch-eval-samples 1 --seed 0 --threads 1 --no-progress"
sghmc="--method sghmc --sghmc-cycles 1 --sghmc-exploration 0.4 --sghmc-samples-per-cycle 3"
run() { d=$1; shift; [ -f $d/summary.json ] || $J train "$@" --out $d > $d.log 2>&1; }
run fm-sghmc $fm $sghmc
run fm-adversarial $fm --method adversarial
run fm-vogn $fm --method vogn --samples 4
run fm-mfvi-m4 $fm --estimator mc-shared --objective elbo --samples 4
run cifar-sghmc $cifar $sghmc
run cifar-vogn $cifar --method vogn --samples 2
run cifar-adversarial $cifar --method adversarial
run fm-hmc --data fashion-mnist --model lenet --subset 1000 --epochs 60 --batch-size 1000 --eval-samples 20 --epoch-eval-samples 0 \
  --seed 0 --threads 1 --no-progress --method hmc --hmc-chains 2 --hmc-burn-in 20 --hmc-leapfrog-steps 10 --hmc-adapt
run cifar-mfvi-m2 $cifar --estimator mc-shared --objective elbo --samples 2
echo done > ALL_DONE
