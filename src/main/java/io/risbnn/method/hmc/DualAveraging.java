package io.risbnn.method.hmc;

/**
 * Step-size adaptation by dual averaging (Hoffman &amp; Gelman 2014, Algorithm 5, their constants
 * γ = 0.05, t₀ = 10, κ = 0.75, μ = log 10ε₀), run during burn-in only: after iteration m with
 * acceptance probability α, H̄ ← (1 − 1/(m + t₀))H̄ + (δ − α)/(m + t₀), log ε ← μ − √m H̄/γ and
 * log ε̄ ← m^{−κ} log ε + (1 − m^{−κ}) log ε̄. After burn-in the chain keeps ε̄ fixed, so the kept
 * samples come from a time-homogeneous, detailed-balanced chain.
 */
public final class DualAveraging {
    private static final double GAMMA = 0.05;
    private static final double T0 = 10;
    private static final double KAPPA = 0.75;

    private final double target;
    private final double mu;
    private double m;
    private double hBar;
    private double logStep;
    private double logStepBar;

    /**
     * Adaptation starting from ε₀.
     *
     * @param initialStep ε₀, &gt; 0
     * @param target δ, the target acceptance probability in (0, 1)
     */
    public DualAveraging(double initialStep, double target) {
        this.target = target;
        this.mu = Math.log(10 * initialStep);
        this.logStep = Math.log(initialStep);
        this.logStepBar = 0;
    }

    /**
     * The step size of the next burn-in iteration.
     *
     * @return ε = exp(log ε)
     */
    public double step() {
        return Math.exp(logStep);
    }

    /**
     * The averaged step size the chain keeps after burn-in (the initial one before any update).
     *
     * @return ε̄
     */
    public double finalStep() {
        return m == 0 ? step() : Math.exp(logStepBar);
    }

    /**
     * One adaptation step after a burn-in iteration.
     *
     * @param acceptProbability α of that iteration, in [0, 1]
     */
    public void update(double acceptProbability) {
        m++;
        double w = 1 / (m + T0);
        hBar = (1 - w) * hBar + w * (target - acceptProbability);
        logStep = mu - Math.sqrt(m) / GAMMA * hBar;
        double eta = Math.pow(m, -KAPPA);
        logStepBar = eta * logStep + (1 - eta) * logStepBar;
    }

    /**
     * (m, H̄, log ε, log ε̄) for a checkpoint.
     *
     * @return a fresh array of the four values
     */
    public double[] state() {
        return new double[] {m, hBar, logStep, logStepBar};
    }

    /**
     * Restores what {@link #state()} returned.
     *
     * @param s (m, H̄, log ε, log ε̄)
     */
    public void restore(double[] s) {
        m = s[0];
        hBar = s[1];
        logStep = s[2];
        logStepBar = s[3];
    }
}
