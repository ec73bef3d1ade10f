#!/usr/bin/env bash
# table1 with the jar before the move onto the facade (commit 1b9f7dd) and after it (2050dd8): same command, then
# compare runs/*.json, runs/*.jsonl (without seconds) and runs/*/trace.csv. Run in a scratch folder.
for v in old new; do jar=/work/runs/risbnn-1b9f7dd.jar; [ $v = new ] && jar=/work/runs/risbnn-t1new.jar
  java -Dai.djl.offline=true -jar $jar table1 --data imagefolder:/work/shared/data/cifar10-jpeg --model lenet --epochs 2 \
    --subset 96 --seeds 1 --samples 2 --batch 32 --eval-samples 4 --epoch-eval-samples 2 \
    --rows mfvi,tempered,ris,ris-meanvar,map,swag --threads 2 --no-progress --out $v > $v.log 2>&1
done
for d in $(cd old/runs; ls -d */); do cmp old/runs/$d/trace.csv new/runs/$d/trace.csv && echo "$d trace same"; done
