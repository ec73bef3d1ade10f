#!/usr/bin/env python3
"""Issue 12 tables from docs/results/issue12/runs (collect.sh): UCI per data set and method over the finished splits
(mean ± standard error; sampled networks and the method's own deterministic predictive; HMC's acceptance and split
R-hat), beside MAP (issue 11) and the 2018 MC-dropout per-split files on the same splits; the image runs.
Usage: tables.py RUNS_DIR REPO_ROOT [README]: prints the tables, or with README rewrites the part of that file between
the lines "<!-- tables -->" and "<!-- /tables -->"."""
import glob, json, math, os, sys

RUNS, ROOT = sys.argv[1], sys.argv[2]
DATASETS = ["bostonHousing", "concrete", "wine-quality-red", "power-plant"]
METHODS = ["vogn", "adversarial", "hmc", "sghmc"]   # SGHMC from the sghmc-* folders of uci-sghmc2.sh (2026-12-03)
OWN = {"vogn": "moment", "adversarial": "moment", "hmc": "gaussian", "sghmc": "gaussian"}


def stat(v):
    n = len(v)
    m = sum(v) / n
    se = math.sqrt(sum((x - m) ** 2 for x in v) / (n - 1) / n) if n > 1 else float("nan")
    return m, se


def cell(v, d):
    if not v:
        return "–"
    m, se = stat(v)
    return f"{m:.{d}f} ± {se:.{d}f}"


def splits(ds, m):
    out = {}
    for f in (glob.glob(os.path.join(RUNS, "uci-*", f"{ds}-{m}", "split-*", "summary.json"))
              + glob.glob(os.path.join(RUNS, "sghmc-*", f"{ds}-{m}", "split-*", "summary.json"))
              + glob.glob(os.path.join(RUNS, "uci20", f"{ds}-{m}", "split-*", "summary.json"))):
        s = json.load(open(f))
        out[s["split"]] = s
    return out


def map_splits(ds):
    f = os.path.join(ROOT, "docs/results/issue11", ds, "uci.json")
    out = {s["split"]: s for s in json.load(open(f))["per_split"]} if os.path.exists(f) else {}
    for g in glob.glob(os.path.join(ROOT, "docs/results/issue11/runs/uci-*", f"{ds}-map", "uci.json")):
        out.update({s["split"]: s for s in json.load(open(g))["per_split"]})
    # issue 11's uci-baselines-rest.sh: one summary.json per finished split (collect-rest.sh copies them)
    for g in glob.glob(os.path.join(ROOT, "docs/results/issue11/runs/rest", f"{ds}-map", "split-*", "summary.json")):
        s = json.load(open(g))
        out[s["split"]] = s
    return out


def uci():
    rows = ["| data set | method | splits | RMSE sampled | LL sampled | own | RMSE own | LL own | s / split | HMC acceptance | HMC R̂(U) | HMC R̂ outputs median / max |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for ds in DATASETS:
        d = 3 if ds.startswith("wine") else 2
        for m in METHODS:
            r = splits(ds, m)
            if not r:
                rows.append(f"| {ds} | {m} | – | not run | | | | | | | | |")
                continue
            keep = sorted(r)
            g = lambda k: [r[s]["metrics"][k] for s in keep if k in r[s]["metrics"]]
            own = OWN[m]
            secs = [r[s]["seconds"] for s in keep if "seconds" in r[s]]
            h = ["", "", ""]
            if m == "hmc":
                h = [cell(g("hmc_acceptance"), 2), cell(g("hmc_rhat_potential"), 2),
                     f"{cell(g('hmc_rhat_outputs_median'), 2)} / {cell(g('hmc_rhat_outputs_max'), 2)}"]
            rows.append(f"| {ds} | {m} | {','.join(map(str, keep))} | {cell(g('rmse_sampled'), d)} | {cell(g('test_ll_sampled'), d)} | {own}"
                        f" | {cell(g('rmse_' + own), d)} | {cell(g('test_ll_' + own), d)} | {stat(secs)[0]:.0f} | {h[0]} | {h[1]} | {h[2]} |")
        allsplits = sorted(set().union(*[set(splits(ds, m)) for m in METHODS]))
        if not allsplits:
            continue
        mp = map_splits(ds)
        same = [s for s in allsplits if s in mp]
        if same:
            g = lambda k: [mp[s]["metrics"][k] for s in same if k in mp[s]["metrics"]]
            rows.append(f"| {ds} | MAP (issue 11) | {','.join(map(str, same))} | {cell(g('rmse_sampled'), d)} | {cell(g('test_ll_sampled'), d)} | | | | | | | |")
        folder = os.path.join("/work/shared/data/uci", ds, "results_mc_dropout_2018")
        try:
            rm = [float(v) for v in open(os.path.join(folder, "test_MC_rmse_100_xepochs_1_hidden_layers.txt")).read().split()]
            ll = [float(v) for v in open(os.path.join(folder, "test_ll_100_xepochs_1_hidden_layers.txt")).read().split()]
            rows.append(f"| {ds} | MC dropout 2018, splits {','.join(map(str, allsplits))} | | {cell([rm[s] for s in allsplits], d)} | {cell([ll[s] for s in allsplits], d)} | | | | | | | |")
        except (OSError, IndexError):
            pass
    return "\n".join(rows)


def images():
    rows = ["| run | train s | predictive | accuracy | NLL | ECE | mutual information |", "|---|---|---|---|---|---|---|"]
    for f in sorted(glob.glob(os.path.join(RUNS, "images", "*", "summary.json"))):
        s = json.load(open(f))
        x = s["metrics"]
        name = os.path.basename(os.path.dirname(f))
        preds = ["sampled"] + sorted({k[len("accuracy_"):] for k in x if k.startswith("accuracy_") and k != "accuracy_sampled"})
        for i, p in enumerate(preds):
            mi = x.get("mutual_information_" + p, x.get("mutual_information") if p == "sampled" else None)
            rows.append(f"| {name if i == 0 else ''} | {s['seconds']:.0f} | {p} | {x['accuracy_' + p]:.4f} | {x['nll_' + p]:.4f} | {x['ece_' + p]:.4f} |"
                        f" {'' if mi is None else f'{mi:.4f}'} |")
    return "\n".join(rows)


TABLES = "## UCI\n\n" + uci() + "\n\n## Images\n\n" + images()
if len(sys.argv) > 3:
    text = open(sys.argv[3]).read()
    head, rest = text.split("<!-- tables -->\n", 1)
    tail = rest.split("<!-- /tables -->", 1)[1]
    open(sys.argv[3], "w").write(head + "<!-- tables -->\n" + TABLES + "\n<!-- /tables -->" + tail)
else:
    print(TABLES)
