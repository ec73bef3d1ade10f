package io.risbnn.train;

import io.risbnn.RisbnnException;
import io.risbnn.estimator.RisConfig;
import io.risbnn.method.MethodOptions;
import io.risbnn.objective.KlSchedule;
import io.risbnn.objective.Objective;

/**
 * Everything that decides a training run besides the data and the architecture.
 *
 * @param estimator estimator name (mc-shared, lrt, analytic, quadrature, ris)
 * @param ris options of the ris estimator
 * @param objective elbo, moment or mean-var
 * @param samples M, samples per step
 * @param epochs passes over the training set
 * @param batchSize examples per step
 * @param optimizer "adam" or "sgd"
 * @param momentum SGD momentum
 * @param lr learning-rate schedule
 * @param kl KL weight, temperature and warm-up
 * @param prior prior spec (see Priors)
 * @param seed the one seed every random draw derives from
 * @param skipNonFinite skip a step whose loss or gradient is NaN/Inf instead of stopping
 * @param methods the options of the non-VI methods (null in checkpoints that predate them: the defaults)
 */
public record TrainConfig(String estimator, RisConfig ris, Objective objective, int samples, int epochs, int batchSize,
                          String optimizer, double momentum, LrSchedule lr, KlSchedule kl, String prior, long seed,
                          boolean skipNonFinite, MethodOptions methods) {
    /**
     * A configuration with every method's default options.
     *
     * @param estimator estimator name
     * @param ris options of the ris estimator
     * @param objective the objective
     * @param samples M, ≥ 1
     * @param epochs passes over the training set, ≥ 1
     * @param batchSize examples per step, ≥ 1
     * @param optimizer "adam" or "sgd"
     * @param momentum SGD momentum
     * @param lr learning-rate schedule
     * @param kl KL weight, temperature and warm-up
     * @param prior prior spec
     * @param seed the run's seed
     * @param skipNonFinite skip non-finite steps instead of stopping
     * @throws RisbnnException if a value is out of range
     */
    public TrainConfig(String estimator, RisConfig ris, Objective objective, int samples, int epochs, int batchSize,
                       String optimizer, double momentum, LrSchedule lr, KlSchedule kl, String prior, long seed,
                       boolean skipNonFinite) {
        this(estimator, ris, objective, samples, epochs, batchSize, optimizer, momentum, lr, kl, prior, seed, skipNonFinite,
                MethodOptions.defaults());
    }

    /**
     * Validates the configuration.
     *
     * @param estimator estimator name
     * @param ris options of the ris estimator
     * @param objective the objective
     * @param samples M, ≥ 1
     * @param epochs passes over the training set, ≥ 1
     * @param batchSize examples per step, ≥ 1
     * @param optimizer "adam" or "sgd"
     * @param momentum SGD momentum
     * @param lr learning-rate schedule
     * @param kl KL weight, temperature and warm-up
     * @param prior prior spec
     * @param seed the run's seed
     * @param skipNonFinite skip non-finite steps instead of stopping
     * @param methods the non-VI methods' options, or null for the defaults
     * @throws RisbnnException if a value is out of range
     */
    public TrainConfig {
        if (samples < 1) {
            throw new RisbnnException("--samples " + samples + ": expected an integer >= 1");
        }
        if (epochs < 1) {
            throw new RisbnnException("--epochs " + epochs + ": expected an integer >= 1");
        }
        if (batchSize < 1) {
            throw new RisbnnException("--batch-size " + batchSize + ": expected an integer >= 1");
        }
        if (!optimizer.equals("adam") && !optimizer.equals("sgd")) {
            throw new RisbnnException("--optimizer '" + optimizer + "': expected adam or sgd");
        }
    }

    /**
     * The non-VI methods' options, the defaults when none were stored.
     *
     * @return the options, never null
     */
    @Override
    public MethodOptions methods() {
        return methods != null ? methods : MethodOptions.defaults();
    }

    /**
     * A copy with other method options.
     *
     * @param options the non-VI methods' options
     * @return the new configuration
     */
    public TrainConfig withMethods(MethodOptions options) {
        return new TrainConfig(estimator, ris, objective, samples, epochs, batchSize, optimizer, momentum, lr, kl, prior, seed,
                skipNonFinite, options);
    }

    /**
     * A fresh optimiser as configured.
     *
     * @return Adam for {@code adam}, else SGD with {@code momentum}
     */
    public ParameterUpdate newOptimizer() {
        return optimizer.equals("adam") ? new AdamUpdate() : new SgdMomentum(momentum);
    }

    /**
     * A copy with another estimator.
     *
     * @param name the estimator's CLI name
     * @return the new configuration
     */
    public TrainConfig withEstimator(String name) {
        return new TrainConfig(name, ris, objective, samples, epochs, batchSize, optimizer, momentum, lr, kl, prior, seed, skipNonFinite, methods);
    }

    /**
     * A copy with another seed (e.g. for a repeat or an ensemble member).
     *
     * @param newSeed the seed
     * @return the new configuration
     */
    public TrainConfig withSeed(long newSeed) {
        return new TrainConfig(estimator, ris, objective, samples, epochs, batchSize, optimizer, momentum, lr, kl, prior, newSeed, skipNonFinite, methods);
    }

    /**
     * A copy with another epoch count.
     *
     * @param n passes over the training set, ≥ 1
     * @return the new configuration
     */
    public TrainConfig withEpochs(int n) {
        return new TrainConfig(estimator, ris, objective, samples, n, batchSize, optimizer, momentum, lr, kl, prior, seed, skipNonFinite, methods);
    }
}
