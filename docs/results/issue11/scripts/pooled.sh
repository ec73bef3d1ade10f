#!/usr/bin/env bash
# The issue 11/12 UCI table pooled over every committed run folder (run from the repository root).
R=docs/results
dirs=$(ls -d $R/issue11/runs/uci $R/issue11/runs/uci-* $R/issue12/runs/uci-* 2>/dev/null | paste -sd, -)
python3 $R/issue11/scripts/aggregate.py "$dirs" $R/issue11/runs/images . > $R/issue11/pooled.md
