
A="table1 --data imagefolder:/work/shared/data/cifar10-jpeg --model lenet --epochs 3 --subset 96 --seeds 1 --samples 2 --batch 32 --eval-samples 4 --epoch-eval-samples 2 --rows ris-meanvar --threads 2 --no-progress"
java -Dai.djl.offline=true -jar /work/runs/risbnn-1b9f7dd.jar $A --out int > int.log 2>&1 &
pid=$!
while [ "$(cat int/runs/ris-meanvar-seed0.jsonl 2>/dev/null | wc -l)" -lt 1 ]; do sleep 1; done
kill -9 $pid; sleep 1
java -Dai.djl.offline=true -jar /work/runs/risbnn-t1new.jar $A --out int > int2.log 2>&1
java -Dai.djl.offline=true -jar /work/runs/risbnn-1b9f7dd.jar $A --out full > full.log 2>&1
