#!/usr/bin/env bash
R=/work/main/docs/results/issue9
S=$R/scripts-used
mkdir -p $R/histograms
for r in ris-meanvar analytic-meanvar ris-moment mfvi; do
  [ -f /work/runs/issue9/fm/$r/sample-models/histogram.png ] && cp /work/runs/issue9/fm/$r/sample-models/histogram.png $R/histograms/fm-$r.png
  [ -f /work/runs/issue9/fm/$r/sample-models/accuracies.csv ] && cp /work/runs/issue9/fm/$r/sample-models/accuracies.csv $R/histograms/fm-$r-accuracies.csv
  [ -f /work/runs/issue9/fm/$r/ood/ood.md ] && cp /work/runs/issue9/fm/$r/ood/ood.md $R/fm-ood-$r.md
done
python3 $S/aggregate_uci.py /work/runs/issue9/uci > $R/uci.md
python3 $S/aggregate_fm.py /work/runs/issue9/fm > $R/fashion-mnist.md
for d in /work/runs/issue9/uci/*/; do n=$(basename $d); mkdir -p $R/uci-runs/$n; for f in $d/split-*/summary.json; do [ -f $f ] && cp $f $R/uci-runs/$n/$(basename $(dirname $f)).json; done; done
for r in ris-meanvar analytic-meanvar ris-meanvar-2nd ris-moment mfvi; do [ -f /work/runs/issue9/fm/$r/summary.json ] && { mkdir -p $R/fm-runs; cp /work/runs/issue9/fm/$r/summary.json $R/fm-runs/$r.json; cp /work/runs/issue9/fm/$r/metrics.jsonl $R/fm-runs/$r-metrics.jsonl; }; done
for r in ris-meanvar analytic-meanvar ris-moment mfvi; do [ -f /work/runs/issue9/fm/$r/sample-models/summary.json ] && cp /work/runs/issue9/fm/$r/sample-models/summary.json $R/fm-runs/$r-sample-models.json; [ -f /work/runs/issue9/fm/$r/ood/ood.json ] && cp /work/runs/issue9/fm/$r/ood/ood.json $R/fm-runs/$r-ood.json; done
echo ok
