#!/usr/bin/env python3
"""Tables of the issue-9 Fashion-MNIST runs: test metrics of each predictive, the 1,000 sampled networks and
OOD AUROC. Usage: aggregate_fm.py RUNS_DIR"""
import json, os, sys

RUNS = [("ris-meanvar", "ris / mean-var"), ("analytic-meanvar", "analytic / mean-var"),
        ("ris-meanvar-2nd", "ris / mean-var, second-order logits"), ("ris-moment", "ris / moment"),
        ("mfvi", "mc-shared / elbo")]


def load(path):
    return json.load(open(path)) if os.path.exists(path) else None


def main(root):
    print("| run | train s | predictive | accuracy | NLL | ECE |")
    print("|---|---|---|---|---|---|")
    for name, label in RUNS:
        s = load(os.path.join(root, name, "summary.json"))
        if s is None:
            continue
        m = s["metrics"]
        for p in ("sampled", "moment", "meanvar"):
            if "accuracy_" + p in m:
                print(f"| {label} | {s['seconds']:.0f} | {p} | {m['accuracy_' + p]:.4f} | {m['nll_' + p]:.4f} | {m['ece_' + p]:.4f} |")
    print()
    print("| run | networks | accuracy of one network: mean ± std (min, median, max) | their predictive: accuracy / NLL | own predictive accuracy |")
    print("|---|---|---|---|---|")
    for name, label in RUNS:
        s = load(os.path.join(root, name, "sample-models", "summary.json"))
        if s is None:
            continue
        a = s["accuracy"]
        own = s.get("meanvar", s["moment"])
        print(f"| {label} | {s['count']} | {a['mean']:.4f} ± {a['std']:.4f} ({a['min']:.4f}, {a['median']:.4f}, {a['max']:.4f}) | "
              f"{s['predictive']['accuracy']:.4f} / {s['predictive']['nll']:.4f} | {own['accuracy']:.4f} |")
    print()
    print("| run | " + " | ".join(["entropy_sampled", "mutual_information", "entropy_moment", "entropy_meanvar"]) + " |")
    print("|---|---|---|---|---|")
    for name, label in RUNS:
        o = load(os.path.join(root, name, "ood", "ood.json"))
        if o is None:
            continue
        cells = []
        for k in ["entropy_sampled", "mutual_information", "entropy_moment", "entropy_meanvar"]:
            sc = o["scores"].get(k)
            cells.append(f"{sc['auroc']:.4f} ± {sc['auroc_se']:.4f}" if sc else "–")
        print(f"| {label} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1])
