#!/usr/bin/env python3
"""Tables of the issue-9 UCI runs: mean ± standard error over the finished splits of each run directory,
sampled-network and own (mean-var / first-moment) predictive, beside the published PBP and MC-dropout
(REFERENCE.md Tables A and D) and DVI (Table C, heteroscedastic) figures. Usage: aggregate_uci.py RUNS_DIR"""
import glob, json, math, os, sys

PBP = {"bostonHousing": (3.01, 0.18, -2.57, 0.09), "concrete": (5.67, 0.09, -3.16, 0.02),
       "wine-quality-red": (0.64, 0.01, -0.97, 0.01), "power-plant": (4.12, 0.03, -2.84, 0.01)}
DROPOUT_A = {"bostonHousing": (2.97, 0.19, -2.46, 0.06), "concrete": (5.23, 0.12, -3.04, 0.02),
             "wine-quality-red": (0.62, 0.01, -0.93, 0.01), "power-plant": (4.02, 0.04, -2.80, 0.01)}
DROPOUT_D = {"bostonHousing": (2.90, 0.18, -2.40, 0.04), "concrete": (4.82, 0.16, -2.93, 0.02),
             "wine-quality-red": (0.62, 0.01, -0.93, 0.01), "power-plant": (4.01, 0.04, -2.80, 0.01)}
DVI = {"bostonHousing": (-2.41, 0.02), "concrete": (-3.06, 0.01), "wine-quality-red": (-0.90, 0.01),
       "power-plant": (-2.80, 0.00)}
DATASETS = ["bostonHousing", "concrete", "wine-quality-red", "power-plant"]


def stat(values):
    n = len(values)
    mean = sum(values) / n
    se = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1) / n) if n > 1 else float("nan")
    return mean, se


def cell(values, digits):
    if not values:
        return "–"
    m, se = stat(values)
    return f"{m:.{digits}f} ± {se:.{digits}f}"


def dropout_on_splits(dataset, splits, data_dir="/work/shared/data/uci"):
    """MC dropout (2018 grid search) on exactly the given splits, from its per-split result files."""
    base = os.path.join(data_dir, dataset, "results_mc_dropout_2018")
    rmse = [float(x) for x in open(glob.glob(os.path.join(base, "test_MC_rmse_*"))[0]).read().split()]
    ll = [float(x) for x in open(glob.glob(os.path.join(base, "test_ll_*"))[0]).read().split()]
    return [rmse[i] for i in splits], [ll[i] for i in splits]


def main(runs):
    rows = []
    for d in sorted(glob.glob(os.path.join(runs, "*"))):
        if not os.path.isdir(d):
            continue
        name = os.path.basename(d)
        dataset = next((s for s in DATASETS if name.startswith(s + "-")), None)
        if dataset is None:
            continue
        label = name[len(dataset) + 1:]
        metrics = []
        for f in sorted(glob.glob(os.path.join(d, "split-*", "summary.json"))):
            s = json.load(open(f))
            metrics.append((s["objective"], s["metrics"], int(os.path.basename(os.path.dirname(f))[len("split-"):])))
        if metrics:
            rows.append((dataset, label, metrics))
    digits = {"bostonHousing": 2, "concrete": 2, "wine-quality-red": 3, "power-plant": 2}
    print("| data set | run | objective | splits | RMSE sampled | LL sampled | RMSE own | LL own | own = |")
    print("|---|---|---|---|---|---|---|---|---|")
    for dataset in DATASETS:
        used = set()
        for ds, label, metrics in rows:
            if ds != dataset:
                continue
            objective = metrics[0][0]
            own = {"elbo": "sampled", "mean-var": "meanvar", "moment": "moment"}[objective]
            g = lambda key: [m[key] for _, m, _ in metrics if key in m]
            used.update(split for _, _, split in metrics)
            k = digits[dataset]
            print(f"| {dataset} | {label} | {objective} | {len(metrics)} | {cell(g('rmse_sampled'), k)} | "
                  f"{cell(g('test_ll_sampled'), k)} | {cell(g('rmse'), k)} | {cell(g('test_ll'), k)} | {own} |")
        if used:
            r, l = dropout_on_splits(dataset, sorted(used))
            print(f"| {dataset} | MC dropout 2018, same splits ({len(used)}) | | {len(used)} | {cell(r, digits[dataset])} | "
                  f"{cell(l, digits[dataset])} | | | |")
        p, a, dd = PBP[dataset], DROPOUT_A[dataset], DROPOUT_D[dataset]
        print(f"| {dataset} | PBP (Table A) | | 20 | {p[0]} ± {p[1]} | {p[2]} ± {p[3]} | | | |")
        print(f"| {dataset} | MC dropout (Table A / Table D) | | 20 | {a[0]} ± {a[1]} / {dd[0]} ± {dd[1]} | "
              f"{a[2]} ± {a[3]} / {dd[2]} ± {dd[3]} | | | |")
        print(f"| {dataset} | DVI, heteroscedastic (Table C) | | 20 | | {DVI[dataset][0]} ± {DVI[dataset][1]} | | | |")


if __name__ == "__main__":
    main(sys.argv[1])
