#!/usr/bin/env python3
"""PROTOCOL.md's comparison from the validation rows: per (set, split) the final val_* metrics of each prior, the
paired differences (empirical Bayes − N(0, 1)) pooled over the six pairs, mean ± standard error.
Usage: compare.py OUT > validation.md"""
import json, math, os, sys

out = sys.argv[1]
sets = ["bostonHousing", "concrete"]
keys = [("val_rmse_sampled", "val RMSE sampled"), ("val_test_ll_sampled", "val LL sampled"),
        ("val_rmse_meanvar", "val RMSE mean-var"), ("val_test_ll_meanvar", "val LL mean-var")]

def per_split(name, prior):
    u = json.load(open(os.path.join(out, f"{name}-{prior}", "uci.json")))
    return {p["split"]: p["validation"] for p in u["per_split"]}

def stat(v):
    m = sum(v) / len(v)
    se = math.sqrt(sum((x - m) ** 2 for x in v) / (len(v) - 1) / len(v)) if len(v) > 1 else float("nan")
    return m, se

print("| set | split | prior | " + " | ".join(k[1] for k in keys) + " |")
print("|---|---|---|" + "---|" * len(keys))
diffs = {k: [] for k, _ in keys}
for name in sets:
    g, e = per_split(name, "gaussian"), per_split(name, "empirical-bayes")
    for s in sorted(g):
        for label, row in (("N(0, 1)", g[s]), ("empirical Bayes", e[s])):
            print(f"| {name} | {s} | {label} | " + " | ".join(f"{row[k]:.4f}" for k, _ in keys) + " |")
        for k, _ in keys:
            diffs[k].append(e[s][k] - g[s][k])
print()
print("Paired difference, empirical Bayes − N(0, 1), over the six (set, split) pairs (RMSE: lower is better; LL: higher):")
print()
for k, label in keys:
    m, se = stat(diffs[k])
    print(f"- {label}: {m:+.4f} ± {se:.4f}")
