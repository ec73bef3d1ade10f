#!/usr/bin/env python3
"""PROTOCOL.md's comparison from the validation rows: per (set, split) the final mean-var and sampled val_* metrics
for σ = 0.5, 1 (the N(0, 1) runs of ../eb-validation) and 2, and each σ's paired difference to σ = 1 pooled over
the six (set, split) pairs, mean ± standard error. Usage: compare.py OUT EB_OUT > validation.md"""
import json, math, os, sys

out, eb_out = sys.argv[1], sys.argv[2]
sets = ["bostonHousing", "concrete"]
priors = [("0.5", out, "sigma0.5"), ("1", eb_out, "gaussian"), ("2", out, "sigma2.0")]
keys = [("val_rmse_meanvar", "val RMSE mean-var"), ("val_test_ll_meanvar", "val LL mean-var"),
        ("val_rmse_sampled", "val RMSE sampled"), ("val_test_ll_sampled", "val LL sampled")]

def per_split(folder, name, tag):
    u = json.load(open(os.path.join(folder, f"{name}-{tag}", "uci.json")))
    return {p["split"]: p["validation"] for p in u["per_split"]}

def stat(v):
    m = sum(v) / len(v)
    return m, math.sqrt(sum((x - m) ** 2 for x in v) / (len(v) - 1) / len(v))

runs = {(name, sigma): per_split(folder, name, tag) for name in sets for sigma, folder, tag in priors}
print("| set | split | prior σ | " + " | ".join(k[1] for k in keys) + " |")
print("|---|---|---|" + "---|" * len(keys))
for name in sets:
    for s in sorted(runs[(name, "1")]):
        for sigma, _, _ in priors:
            row = runs[(name, sigma)][s]
            print(f"| {name} | {s} | {sigma} | " + " | ".join(f"{row[k]:.4f}" for k, _ in keys) + " |")
print()
print("Paired difference to σ = 1 over the six (set, split) pairs (RMSE: lower is better; LL: higher), and the mean:")
print()
for sigma, _, _ in priors:
    parts = []
    for k, label in keys:
        values = [runs[(n, sigma)][s][k] for n in sets for s in sorted(runs[(n, "1")])]
        diffs = [runs[(n, sigma)][s][k] - runs[(n, "1")][s][k] for n in sets for s in sorted(runs[(n, "1")])]
        m, se = stat(diffs)
        parts.append(f"{label} {sum(values) / len(values):.4f} ({m:+.4f} ± {se:.4f})")
    print(f"- σ = {sigma}: " + "; ".join(parts))
