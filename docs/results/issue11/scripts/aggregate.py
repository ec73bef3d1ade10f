#!/usr/bin/env python3
"""Issue 11 tables from the run directories of uci-baselines.sh and images-baselines.sh.
UCI: mean ± standard error over the splits run, per method, the sampled networks' and the method's own
deterministic predictive, beside MAP (docs/results/issue11/<set>/uci.json) and the 2018 MC-dropout per-split
files (REFERENCE.md Table D) on exactly the same splits, and the published VI/PBP/MC-dropout figures (20 splits).
Images: accuracy, NLL, ECE of both predictives, OOD AUROC of each score, training seconds.
Usage: aggregate.py UCI_RUNS[,UCI_RUNS…] IMAGE_RUNS REPO_ROOT (the splits of several UCI run folders are pooled)"""
import glob, json, math, os, sys

UCI, IMAGES, ROOT = sys.argv[1], sys.argv[2], sys.argv[3]
DATASETS = ["bostonHousing", "concrete", "wine-quality-red", "power-plant"]
METHODS = ["map", "laplace", "swag", "swag-diag", "ensemble", "mc-dropout", "sghmc", "adversarial", "vogn", "hmc"]   # sghmc…: issue 12
OWN = {"map": "moment", "laplace": "glm", "swag": "swa", "swag-diag": "swa", "ensemble": "gaussian",
       "mc-dropout": "mean-net", "sghmc": "gaussian", "adversarial": "moment", "vogn": "moment", "hmc": "gaussian"}
PUBLISHED = {  # Gal & Ghahramani 2016 Table 1 (VI, PBP as reported there; MC dropout), 20 splits
    "bostonHousing": [("VI", 4.32, 0.29, -2.90, 0.07), ("PBP", 3.01, 0.18, -2.57, 0.09), ("MC dropout", 2.97, 0.19, -2.46, 0.06)],
    "concrete": [("VI", 7.19, 0.12, -3.39, 0.02), ("PBP", 5.67, 0.09, -3.16, 0.02), ("MC dropout", 5.23, 0.12, -3.04, 0.02)],
    "wine-quality-red": [("VI", 0.65, 0.01, -0.98, 0.01), ("PBP", 0.64, 0.01, -0.97, 0.01), ("MC dropout", 0.62, 0.01, -0.93, 0.01)],
    "power-plant": [("VI", 4.33, 0.04, -2.89, 0.01), ("PBP", 4.12, 0.03, -2.84, 0.01), ("MC dropout", 4.02, 0.04, -2.80, 0.01)]}


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


def per_split(path):
    # every finished split's own summary (a folder whose uci run was stopped and started again on the splits
    # left holds splits its uci.json does not list), then uci.json's splits over them
    out = {}
    for f in glob.glob(os.path.join(os.path.dirname(path), "split-*", "summary.json")):
        s = json.load(open(f))
        out[s["split"]] = {"split": s["split"], "metrics": s["metrics"], "train_seconds": s.get("seconds", float("nan"))}
    if os.path.exists(path):
        out.update({s["split"]: s for s in json.load(open(path))["per_split"]})
    return out


def per_split_pooled(name):
    """The splits of one data set and method, pooled over the UCI run folders."""
    out = {}
    for folder in UCI.split(","):
        out.update(per_split(os.path.join(folder, name, "uci.json")))
    return out


def digits(name):
    return 3 if name == "wine-quality-red" else 2


def uci_table():
    out = ["| data set | method | splits | RMSE sampled | LL sampled | own deterministic | RMSE own | LL own | train s / split |",
           "|---|---|---|---|---|---|---|---|---|"]
    for ds in DATASETS:
        splits_run = None   # the splits the baselines ran: MAP and MC dropout 2018 are shown on the same ones
        for m in METHODS[1:]:
            runs = per_split_pooled(f"{ds}-{m}")
            if runs:
                splits_run = sorted(runs)
                break
        for m in METHODS:
            if m == "map":
                # splits 0-4 from uci-map.sh; later splits as <ds>-map folders beside the baselines'
                runs = per_split(os.path.join(ROOT, "docs/results/issue11", ds, "uci.json"))
                runs.update(per_split_pooled(f"{ds}-map"))
            else:
                runs = per_split_pooled(f"{ds}-{m}")
            if not runs:
                out.append(f"| {ds} | {m} | – | not run | | | | | |")
                continue
            keep = sorted(runs) if m != "map" or splits_run is None else [s for s in splits_run if s in runs]
            d = digits(ds)
            get = lambda k: [runs[s]["metrics"][k] for s in keep if k in runs[s]["metrics"]]
            own = OWN[m]
            secs = [runs[s].get("train_seconds", float("nan")) for s in keep]
            out.append(f"| {ds} | {m} | {','.join(map(str, keep))} | {cell(get('rmse_sampled'), d)} | {cell(get('test_ll_sampled'), d)}"
                       f" | {own} | {cell(get('rmse_' + own), d)} | {cell(get('test_ll_' + own), d)} | {stat(secs)[0]:.0f} |")
        if splits_run:
            folder = os.path.join("/work/shared/data/uci", ds, "results_mc_dropout_2018")
            try:
                rm = [float(v) for v in open(os.path.join(folder, "test_MC_rmse_100_xepochs_1_hidden_layers.txt")).read().split()]
                ll = [float(v) for v in open(os.path.join(folder, "test_ll_100_xepochs_1_hidden_layers.txt")).read().split()]
                d = digits(ds)
                out.append(f"| {ds} | MC dropout 2018, same splits | {','.join(map(str, splits_run))} | "
                           f"{cell([rm[s] for s in splits_run], d)} | {cell([ll[s] for s in splits_run], d)} | | | | |")
            except OSError:
                pass
        for name, r, rse, l, lse in PUBLISHED[ds]:
            out.append(f"| {ds} | {name} [published, 20 splits] | 0–19 | {r} ± {rse} | {l} ± {lse} | | | | |")
    return "\n".join(out)


def image_table(prefix):
    out = ["| method | train s | predictive | accuracy | NLL | ECE | OOD AUROC: entropy (sampled) | mutual information | entropy (own deterministic) |",
           "|---|---|---|---|---|---|---|---|---|"]
    for m in METHODS:
        d = os.path.join(IMAGES, f"{prefix}-{m}")
        f = os.path.join(d, "summary.json")
        if not os.path.exists(f):
            out.append(f"| {m} | not run | | | | | | | |")
            continue
        s = json.load(open(f))
        x = s["metrics"]
        ood = {}
        of = os.path.join(d, "ood", "ood.json")
        if os.path.exists(of):
            ood = json.load(open(of))["scores"]
        preds = ["sampled"] + sorted({k[len("accuracy_"):] for k in x if k.startswith("accuracy_") and k != "accuracy_sampled"})
        for i, p in enumerate(preds):
            score = lambda n: f"{ood[n]['auroc']:.4f} ± {ood[n]['auroc_se']:.4f}" if n in ood else "–"
            o1 = score("entropy_sampled") if i == 0 else ""
            o2 = score("mutual_information") if i == 0 else ""
            o3 = score("entropy_" + p) if i > 0 else ""
            out.append(f"| {m if i == 0 else ''} | {s['seconds']:.0f} | {p} | {x['accuracy_' + p]:.4f} | {x['nll_' + p]:.4f} |"
                       f" {x['ece_' + p]:.4f} | {o1} | {o2} | {o3} |")
    return "\n".join(out)


print("## UCI\n\n" + uci_table() + "\n\n## Fashion-MNIST LeNet\n\n" + image_table("fm")
      + "\n\n## CIFAR-10-JPEG ResNet-20 subset\n\n" + image_table("cifar"))
