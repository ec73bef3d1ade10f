#!/usr/bin/env bash
cd /work/runs
J="java -Xmx8g -jar risbnn-c.jar"
export MKL_CBWR=AUTO,STRICT
$J sample-models --run fm-ris --count 1000 --limit 2000 --threads 1 --no-progress > fm-ris-sample.log 2>&1
$J ood --run fm-ris --ood-data imagefolder:/work/shared/data/cifar10-jpeg --ood-resize --samples 100 --limit 2000 --threads 1 > fm-ris-ood.log 2>&1
