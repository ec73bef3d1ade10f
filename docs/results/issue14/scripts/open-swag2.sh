#!/bin/bash
cd /tmp/eqv; C="--threads 1 --no-progress"
java -jar /tmp/old-eval/target/risbnn-0.1.0-SNAPSHOT-cli.jar train --data imagefolder:/tmp/eqv/img --model resnet20 --epochs 2 --method swag --swag-collect-every 1 --batch 16 --eval-samples 3 --epoch-eval-samples 0 --seed 8 --out runs/img-swag2 $C > swag2-train.log 2>&1
java -jar /tmp/old-eval/target/risbnn-0.1.0-SNAPSHOT-cli.jar train --data concrete --method swag --swag-collect-every 3 --epochs 4 --hidden 16 --eval-samples 8 --seed 12 --out runs/swag2 $C >> swag2-train.log 2>&1
for v in old new; do
  J="java -jar /tmp/old-eval/target/risbnn-0.1.0-SNAPSHOT-cli.jar"; [ $v = new ] && J="java -jar /tmp/eqv/new-cli.jar"
  O=out2-$v; mkdir -p $O/img-swag2 $O/swag2
  $J eval --run runs/img-swag2 --samples 4 --seed 3 --out $O/img-swag2/eval.json $C > $O/img-swag2.eval.out 2> $O/img-swag2.eval.err; echo "$v eval img-swag2 $?"
  $J ood --run runs/img-swag2 --ood-data fashion-mnist --ood-resize --limit 24 --samples 3 --seed 4 --out $O/img-swag2/ood $C > $O/img-swag2.ood.out 2> $O/img-swag2.ood.err; echo "$v ood $?"
  $J sample-models --run runs/img-swag2 --count 4 --seed 5 --out $O/img-swag2/sample-models $C > $O/img-swag2.sm.out 2> $O/img-swag2.sm.err; echo "$v sm $?"
  $J eval --run runs/swag2 --samples 6 --seed 3 --out $O/swag2/eval.json $C > $O/swag2.eval.out 2> $O/swag2.eval.err; echo "$v eval swag2 $?"
  $J variance --run runs/swag2 --repeats 4 --samples 3 --seed 2 --out $O/swag2/variance $C > $O/swag2.variance.out 2> $O/swag2.variance.err; echo "$v variance swag2 $?"
done
echo FIN
