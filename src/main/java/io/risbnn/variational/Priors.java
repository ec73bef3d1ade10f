package io.risbnn.variational;

import io.risbnn.RisbnnException;

/** Parses the --prior option: {@code gaussian:SIGMA}, {@code mixture:PI,SIGMA1,SIGMA2} or {@code empirical-bayes}. */
public final class Priors {
    private Priors() {}

    /**
     * The prior a spec names; a malformed spec raises a one-line error that names it.
     *
     * @param spec {@code gaussian:SIGMA}, {@code mixture:PI,SIGMA1,SIGMA2} or {@code empirical-bayes}, e.g.
     *     {@code gaussian:1.0}
     * @return the prior
     * @throws RisbnnException if the spec is malformed or its numbers are out of range
     */
    public static Prior parse(String spec) {
        String text = spec.trim();
        if (text.equals(EmpiricalBayesPrior.SPEC)) {
            return new EmpiricalBayesPrior();
        }
        try {
            if (text.startsWith("gaussian:")) {
                return new GaussianPrior(Double.parseDouble(text.substring("gaussian:".length())));
            }
            if (text.startsWith("mixture:")) {
                String[] p = text.substring("mixture:".length()).split(",", -1);
                if (p.length == 3) {
                    return new ScaleMixturePrior(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new RisbnnException("--prior '" + spec + "': " + e.getMessage());
        }
        throw new RisbnnException("--prior '" + spec + "': expected gaussian:SIGMA, mixture:PI,SIGMA1,SIGMA2 or "
                + EmpiricalBayesPrior.SPEC);
    }
}
