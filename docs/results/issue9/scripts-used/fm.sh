#!/usr/bin/env bash
# Issue 9, Fashion-MNIST LeNet: mean-var (ris, analytic; ris with the second-order logit expectation) against the
# poster's first-moment objective and MFVI, one protocol fixed before any result: 10,000 seeded training images,
# 5 epochs, batch 128, M = 10, Adam 0.01 cosine, T = 1, seed 0, one thread each; then 1,000 sampled networks on
# 2,000 evenly spaced test images, and OOD against CIFAR-10 test images converted to 28x28 gray.
cd /work/runs/issue9/fm
export MKL_CBWR=AUTO,STRICT GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736
J="java -Xmx8g -Dai.djl.offline=true -jar /work/runs/issue9/risbnn.jar"
common="--data fashion-mnist --model lenet --subset 10000 --epochs 5 --batch-size 128 --samples 10 --eval-samples 20 --epoch-eval-samples 5 --seed 0 --threads 1 --no-progress"
run() { name=$1; shift; [ -f $name/summary.json ] || $J train $common "$@" --out $name > $name.log 2>&1; }
run ris-meanvar --estimator ris --objective mean-var
run mfvi --estimator mc-shared --objective elbo
run ris-moment --estimator ris --objective moment
run analytic-meanvar --estimator analytic --objective mean-var
run ris-meanvar-2nd --estimator ris --objective mean-var --logit-expectation second-order
for r in ris-meanvar mfvi ris-moment analytic-meanvar; do
  [ -f $r/sample-models/summary.json ] || $J sample-models --run $r --count 1000 --limit 2000 --threads 1 --no-progress > $r-sample.log 2>&1
  [ -f $r/ood/ood.json ] || $J ood --run $r --ood-data imagefolder:/work/shared/data/cifar10-jpeg --ood-resize --samples 100 --limit 2000 --threads 1 > $r-ood.log 2>&1
done
echo done > ALL_DONE
