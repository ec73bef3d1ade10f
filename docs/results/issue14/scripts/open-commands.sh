#!/bin/bash
# runs eval / ood / sample-models / variance of one jar on the runs trained by the old jar; $1 jar, $2 output folder
J="java -jar $1"; O=$2; C="--threads 1 --no-progress"
cd /tmp/eqv; mkdir -p $O
for d in vi swag laplace ensemble hmc vogn fm-vi fm-laplace fm-ensemble fm-lenet img-swag; do mkdir -p $O/$d; done
for r in vi swag laplace ensemble hmc vogn fm-vi fm-laplace fm-ensemble fm-lenet img-swag; do
  $J eval --run runs/$r --samples 6 --seed 3 --out $O/$r/eval.json $C > $O/$r.eval.out 2> $O/$r.eval.err; echo "eval $r $?"
done
for r in vi swag laplace ensemble hmc vogn; do
  $J variance --run runs/$r --repeats 4 --samples 3 --seed 2 --out $O/$r/variance $C > $O/$r.variance.out 2> $O/$r.variance.err; echo "variance $r $?"
done
$J variance --run runs/vi --repeats 4 --samples 3 --objective elbo --estimators lrt,mc-shared --seed 1 --out $O/vi/variance-elbo $C > $O/vi.variance-elbo.out 2> $O/vi.variance-elbo.err; echo "variance vi elbo $?"
for r in fm-vi fm-laplace fm-ensemble fm-lenet; do
  $J ood --run runs/$r --ood-data imagefolder:/tmp/eqv/img --ood-resize --limit 150 --samples 5 --seed 4 --out $O/$r/ood $C > $O/$r.ood.out 2> $O/$r.ood.err; echo "ood $r $?"
  $J sample-models --run runs/$r --count 12 --limit 300 --out $O/$r/sample-models $C > $O/$r.sm.out 2> $O/$r.sm.err; echo "sample-models $r $?"
done
$J ood --run runs/img-swag --ood-data fashion-mnist --ood-resize --limit 24 --samples 3 --seed 4 --out $O/img-swag/ood $C > $O/img-swag.ood.out 2> $O/img-swag.ood.err; echo "ood img-swag $?"
$J sample-models --run runs/img-swag --count 4 --seed 5 --out $O/img-swag/sample-models $C > $O/img-swag.sm.out 2> $O/img-swag.sm.err; echo "sample-models img-swag $?"
