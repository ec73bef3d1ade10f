package io.risbnn.method.hmc;

import io.risbnn.RisbnnException;

/**
 * Options of full-batch HMC (Neal 2011; Izmailov et al. 2021). The prior is the run's {@code --prior}
 * (Izmailov et al.: N(0, 1/5) on CIFAR, i.e. {@code --prior gaussian:0.447}); the regression noise log σ is
 * sampled with θ under a flat prior on log σ (the scale-invariant 1/σ) unless fixed. Izmailov et al. fix ε (1e-5 on CIFAR-10 ResNet-20, with a trajectory length τ = πσ_prior/2,
 * so L ≈ 70,000 leapfrog steps per iteration) and do not adapt; the defaults here suit the small MLPs of
 * this project (ε·L = 0.5).
 *
 * @param stepSize leapfrog step ε ({@code --hmc-step-size}); with adaptation, its starting value
 * @param leapfrogSteps L, leapfrog steps per iteration ({@code --hmc-leapfrog-steps})
 * @param burnIn iterations of every chain that are not kept; -1: half of the chain's iterations ({@code --hmc-burn-in})
 * @param thin keep every thin-th iteration after burn-in ({@code --hmc-thin})
 * @param temperature T, U scaled by 1/T (1: the Bayes posterior; {@code --hmc-temperature})
 * @param adapt dual-averaging step-size adaptation during burn-in (off by default, as in Izmailov et al.; {@code --hmc-adapt})
 * @param targetAccept the adaptation's target acceptance probability ({@code --hmc-target-accept})
 * @param chains independent chains, each from its own initialisation ({@code --hmc-chains})
 * @param sampleNoise whether the likelihood's noise log σ is part of the chain's state (off:
 *                    {@code --hmc-fixed-noise}, σ stays at its initial value)
 */
public record HmcOptions(double stepSize, int leapfrogSteps, int burnIn, int thin, double temperature, boolean adapt,
                         double targetAccept, int chains, boolean sampleNoise) {
    /**
     * The defaults: ε = 0.01, L = 50, burn-in half the chain, no thinning, T = 1, no adaptation
     * (target 0.8), 2 chains, noise sampled.
     *
     * @return the default options
     */
    public static HmcOptions defaults() {
        return new HmcOptions(0.01, 50, -1, 1, 1.0, false, 0.8, 2, true);
    }

    /**
     * Validates the options.
     *
     * @param stepSize ε, &gt; 0
     * @param leapfrogSteps L
     * @param burnIn iterations not kept, or -1
     * @param thin keep every thin-th iteration
     * @param temperature T
     * @param adapt dual-averaging adaptation during burn-in
     * @param targetAccept the adaptation's target
     * @param chains independent chains
     * @param sampleNoise whether log σ is sampled
     * @throws RisbnnException if a value is out of range
     */
    public HmcOptions {
        if (!(stepSize > 0) || Double.isInfinite(stepSize)) {
            throw new RisbnnException("--hmc-step-size " + stepSize + ": expected a positive number");
        }
        if (leapfrogSteps < 1) {
            throw new RisbnnException("--hmc-leapfrog-steps " + leapfrogSteps + ": expected an integer >= 1");
        }
        if (burnIn < -1) {
            throw new RisbnnException("--hmc-burn-in " + burnIn + ": expected an iteration count >= 0, or -1 for half");
        }
        if (thin < 1) {
            throw new RisbnnException("--hmc-thin " + thin + ": expected an integer >= 1");
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new RisbnnException("--hmc-temperature " + temperature + ": expected a positive number");
        }
        if (!(targetAccept > 0 && targetAccept < 1)) {
            throw new RisbnnException("--hmc-target-accept " + targetAccept + ": expected a probability in (0, 1)");
        }
        if (chains < 1) {
            throw new RisbnnException("--hmc-chains " + chains + ": expected an integer >= 1");
        }
    }

    /**
     * Burn-in iterations of a chain of {@code iterations}.
     *
     * @param iterations the chain's iterations
     * @return {@code burnIn}, or iterations/2 when it is -1
     */
    public int burnIn(long iterations) {
        return burnIn < 0 ? (int) (iterations / 2) : burnIn;
    }
}
