package io.risbnn.method.sgmcmc;

/**
 * SGHMC / cSG-MCMC settings. Defaults follow Zhang et al. 2020 (cSGHMC on CIFAR-10): 4 cycles, momentum
 * 0.9 (friction 0.1), 3 samples at the end of each cycle, temperature 1 (their code's "1/N" on the
 * mean-loss scale is the untempered posterior). The exploration fraction β = 0.8 is ours within the
 * range they use. {@code cycles = 1} with {@code constant} is plain SGHMC at the run's rate with burn-in β.
 *
 * @param cycles        M, cycles of the cosine step size over the run
 * @param exploration   β, the fraction of each cycle run as SGD with momentum (no noise, no samples)
 * @param samplesPerCycle samples kept per cycle, one at the end of each of its last epochs
 * @param friction      α of SGHMC (1 − momentum)
 * @param temperature   T: the noise variance is 2·α·lr·T/N
 * @param schedule      cyclical (cosine within each cycle) or constant (the run's --lr throughout)
 */
public record SgmcmcOptions(int cycles, double exploration, int samplesPerCycle, double friction, double temperature,
                            String schedule) {
    /** The cosine step size within each cycle. */
    public static final String CYCLICAL = "cyclical";
    /** The run's --lr throughout. */
    public static final String CONSTANT = "constant";

    /**
     * Zhang et al.'s settings: 4 cycles, β = 0.8, 3 samples per cycle, friction 0.1, T = 1, cyclical.
     *
     * @return the default options
     */
    public static SgmcmcOptions defaults() {
        return new SgmcmcOptions(4, 0.8, 3, 0.1, 1.0, CYCLICAL);
    }
}
