#!/usr/bin/env bash
cd /work/runs
J="java -Xmx8g -jar risbnn-c.jar"
export MKL_CBWR=AUTO,STRICT
$J sample-models --run fm-mfvi --count 1000 --limit 2000 --threads 1 --no-progress > fm-mfvi-sample.log 2>&1
$J ood --run fm-mfvi --ood-data imagefolder:/work/shared/data/cifar10-jpeg --ood-resize --samples 100 --limit 2000 --threads 1 > fm-mfvi-ood.log 2>&1
