#!/bin/bash
# trains the equivalence-check runs with the OLD jar
J="java -jar /tmp/old-eval/target/risbnn-0.1.0-SNAPSHOT-cli.jar"
cd /tmp/eqv
C="--no-progress --threads 1"
$J train --data concrete --epochs 2 --hidden 16 --samples 4 --eval-samples 8 --seed 1 --out runs/vi $C
$J train --data concrete --method swag --epochs 4 --hidden 16 --eval-samples 8 --seed 2 --out runs/swag $C
$J train --data concrete --method laplace --epochs 2 --hidden 16 --eval-samples 8 --seed 3 --out runs/laplace $C
$J train --data concrete --method ensemble --members 2 --epochs 2 --hidden 16 --eval-samples 8 --seed 4 --out runs/ensemble $C
$J train --data concrete --method hmc --epochs 8 --hmc-burn-in 4 --hmc-leapfrog-steps 5 --hidden 8 --epoch-eval-samples 0 --eval-samples 8 --seed 5 --out runs/hmc $C
$J train --data fashion-mnist --model mlp-image --hidden 16 --subset 300 --epochs 1 --estimator lrt --objective elbo --samples 2 --eval-samples 4 --epoch-eval-samples 2 --seed 6 --out runs/fm-vi $C
$J train --data fashion-mnist --model mlp-image --hidden 16 --subset 300 --epochs 2 --method laplace --eval-samples 4 --epoch-eval-samples 2 --seed 7 --out runs/fm-laplace $C
$J train --data imagefolder:/tmp/eqv/img --model resnet20 --epochs 2 --method swag --batch 16 --eval-samples 3 --epoch-eval-samples 0 --seed 8 --out runs/img-swag $C
$J train --data fashion-mnist --model lenet --subset 200 --epochs 1 --estimator ris --samples 2 --eval-samples 3 --epoch-eval-samples 0 --seed 9 --out runs/fm-lenet $C
echo ALLDONE
