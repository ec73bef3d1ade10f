package io.risbnn.objective;

import io.risbnn.RisbnnException;

/**
 * What the network's output means and how the likelihood sees it.
 *
 * <ul>
 *   <li>{@code ELBO}: M sampled networks; the likelihood is averaged over the M outputs. This is the
 *       evidence lower bound (up to the KL term).</li>
 *   <li>{@code MOMENT}: the poster's layer-wise first-moment propagation: every variational layer
 *       outputs an estimate of E_q[δ(w·z̃)] and the likelihood is evaluated on the final z̃_L. It is
 *       not the ELBO (see RIS-SPEC §0 and §3.3).</li>
 *   <li>{@code MEAN_VAR}: every unit carries (mean, variance) under the diagonal independence
 *       approximation; the likelihood sees the output's moments and so penalises its variance
 *       ({@code docs/mean-var.md}, MOMENTS.md §3). The outputs come as [2, B, out]: means, then
 *       variances.</li>
 * </ul>
 */
public enum Objective {
    /** M sampled networks, the likelihood averaged over them: the evidence lower bound. */
    ELBO("elbo"),
    /** Layer-wise first-moment propagation (the poster's form); not the ELBO. */
    MOMENT("moment"),
    /** Mean and variance of every unit under the diagonal approximation. */
    MEAN_VAR("mean-var");

    private final String cliName;

    Objective(String cliName) {
        this.cliName = cliName;
    }

    /**
     * The name used by {@code --objective} and in result files.
     *
     * @return {@code elbo}, {@code moment} or {@code mean-var}
     */
    public String cliName() {
        return cliName;
    }

    /**
     * An objective by CLI name.
     *
     * @param name {@code elbo}, {@code moment} or {@code mean-var}; case-insensitive, blanks trimmed
     * @return the objective
     * @throws RisbnnException if {@code name} names none of them
     */
    public static Objective parse(String name) {
        for (Objective o : values()) {
            if (o.cliName.equalsIgnoreCase(name.trim())) {
                return o;
            }
        }
        throw new RisbnnException("--objective '" + name + "': expected elbo, moment or mean-var");
    }

    /**
     * The data term of the loss for network outputs as {@link io.risbnn.model.BayesianModel#forward} returns
     * them: the mean NLL over the S outputs, or under MEAN_VAR the expected NLL under the output moments.
     *
     * @param likelihood the model's likelihood
     * @param outputs [S, B, out], or [2, B, out] (means, variances) under MEAN_VAR
     * @param targets [B]
     * @return a scalar in nats per example, differentiable
     */
    public ai.djl.ndarray.NDArray negativeLogLikelihood(Likelihood likelihood, ai.djl.ndarray.NDArray outputs,
                                                       ai.djl.ndarray.NDArray targets) {
        if (this == MEAN_VAR) {
            return likelihood.expectedNegativeLogLikelihood(outputs.get(0), outputs.get(1), targets);
        }
        return likelihood.negativeLogLikelihood(outputs, targets);
    }
}
