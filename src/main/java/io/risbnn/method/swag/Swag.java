package io.risbnn.method.swag;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.risbnn.RisbnnException;
import io.risbnn.method.MapBasedMethod;
import io.risbnn.method.Methods;
import io.risbnn.method.PointWeights;
import io.risbnn.model.BayesianModel;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.TrainConfig;
import java.util.Map;
import java.util.function.Supplier;

/**
 * SWAG and SWAG-diagonal (Maddox et al. 2019): MAP training ({@link io.risbnn.method.MaximumAPosteriori}: same
 * estimator, trained arrays and penalty −log p(μ)) whose iterates from the start epoch on are
 * collected into {@link SwagMoments}; the posterior is the Gaussian of {@link SwagGaussian} around the
 * SWA mean θ̄, sampled by {@link SwagPosterior}.
 *
 * <p>Learning rate: the run's schedule before the start epoch, then SWAG's ({@link SwagOptions#lr}):
 * constant (the paper's), or cyclic — in each cycle (one epoch, or collectEverySteps steps) the rate
 * falls linearly from lr to lr·{@value #CYCLIC_LOW_FACTOR}, step i of c taking (1 − t)·lr + t·lr_low with
 * t = (i + 1)/c, so the iterate collected at the cycle's end was taken at the low rate (SWA's cyclic
 * schedule, Izmailov et al. 2018). Collection: at the end of every epoch of the SWAG phase, or every
 * collectEverySteps steps of it.
 *
 * <p>After training ({@link #finish}) the model holds the SWA mean (with recomputed BatchNorm
 * statistics), so a saved model is the SWA network.
 */
public final class Swag extends MapBasedMethod {
    /** The low end of the cyclic schedule, relative to its high end. */
    public static final double CYCLIC_LOW_FACTOR = 0.01;

    private final boolean full;
    private SwagMoments moments;
    private NDManager stateManager;
    private NDManager modelManager;

    /** @param full SWAG (diagonal plus low-rank covariance) rather than SWAG-diagonal */
    public Swag(boolean full) {
        this.full = full;
    }

    /**
     * Whether this is SWAG (diagonal plus low rank) rather than SWAG-diagonal.
     *
     * @return true for {@code swag}, false for {@code swag-diag}
     */
    public boolean full() {
        return full;
    }

    @Override
    public String name() {
        return full ? Methods.SWAG : Methods.SWAG_DIAG;
    }

    @Override
    public void prepare(BayesianModel model) {
        super.prepare(model);
        modelManager = model.manager();
    }

    @Override
    public double learningRate(TrainConfig config, int epoch, long step, long totalSteps) {
        SwagOptions options = config.methods().swag();
        int start = options.startEpoch(config.epochs());
        if (epoch < start) {
            return config.lr().rate(epoch, step, totalSteps);
        }
        double high = options.lr() > 0 ? options.lr() : config.lr().baseLr();
        if (!options.schedule().equals(SwagOptions.CYCLIC)) {
            return high;
        }
        long stepsPerEpoch = Math.max(1, totalSteps / config.epochs());
        long cycle = options.collectEverySteps() > 0 ? options.collectEverySteps() : stepsPerEpoch;
        long inPhase = Math.max(0, step - start * stepsPerEpoch);
        double t = (inPhase % cycle + 1) / (double) cycle;
        return (1 - t) * high + t * high * CYCLIC_LOW_FACTOR;
    }

    @Override
    public void afterStep(BayesianModel model, TrainConfig config, int epoch, long step, long stepsPerEpoch) {
        SwagOptions options = config.methods().swag();
        int start = options.startEpoch(config.epochs());
        if (options.collectEverySteps() > 0 && epoch >= start
                && (step - start * stepsPerEpoch + 1) % options.collectEverySteps() == 0) {
            collect(model, options);
        }
    }

    @Override
    public void afterEpoch(BayesianModel model, TrainConfig config, int epoch) {
        SwagOptions options = config.methods().swag();
        if (options.collectEverySteps() == 0 && epoch >= options.startEpoch(config.epochs())) {
            collect(model, options);
        }
    }

    private void collect(BayesianModel model, SwagOptions options) {
        double[] theta = PointWeights.of(model).toDoubleArray();
        if (moments == null) {
            moments = new SwagMoments(theta.length, full ? options.rank() : 0);
        }
        moments.collect(theta);
    }

    /**
     * The moments collected so far (null before the first collection).
     *
     * @return the running moments, or null
     */
    public SwagMoments moments() {
        return moments;
    }

    /** Refuses, before training, a collection interval longer than the SWAG phase (nothing would be collected). */
    @Override
    public void checkRun(TrainConfig config, ExampleSet train, ExampleSet validation) {
        SwagOptions options = config.methods().swag();
        int start = options.startEpoch(config.epochs());
        long stepsPerEpoch = (train.size() + config.batchSize() - 1) / config.batchSize();
        long phase = (config.epochs() - (long) start) * stepsPerEpoch;
        if (start >= config.epochs()) {
            throw new RisbnnException("--swag-start " + start + ": expected an epoch below --epochs " + config.epochs()
                    + " (epochs are counted from 0), so SWAG collects iterates");
        }
        if (options.collectEverySteps() > phase) {
            throw new RisbnnException("--swag-collect-every " + options.collectEverySteps() + ": the SWAG phase has only "
                    + phase + " steps (epochs " + start + ".." + (config.epochs() - 1) + " of " + stepsPerEpoch
                    + "), so nothing would be collected");
        }
    }

    /** Fails when nothing was collected; else puts the SWA mean (and its BatchNorm statistics) into the model. */
    @Override
    public void finish(BayesianModel model, TrainConfig config, ExampleSet train) {
        SwagOptions options = config.methods().swag();
        if (moments == null || moments.count() == 0) {
            throw new RisbnnException(name() + " collected no iterates: --swag-start " + options.startEpoch(config.epochs())
                    + " must be below --epochs " + config.epochs() + " (epochs are counted from 0) and --swag-collect-every "
                    + options.collectEverySteps() + " at most the steps of the SWAG phase");
        }
        PointWeights.of(model).assign(moments.mean(), model.manager());
        if (options.batchNormUpdate() && BatchNormUpdate.present(model)) {
            BatchNormUpdate.recompute(model, train, config.batchSize());
        }
    }

    /**
     * The moments as named arrays; they stay valid until the next call (each call frees the previous
     * call's arrays).
     */
    @Override
    public Map<String, NDArray> state() {
        if (moments == null) {
            return Map.of();
        }
        if (modelManager == null) {
            throw new IllegalStateException("state() before prepare()");
        }
        if (stateManager != null) {
            stateManager.close();
        }
        stateManager = modelManager.newSubManager();
        return moments.state(stateManager);
    }

    @Override
    public void restore(BayesianModel model, TrainConfig config, Map<String, NDArray> state) {
        modelManager = model.manager();
        moments = SwagMoments.isIn(state) ? SwagMoments.restore(state) : null;
    }

    @Override
    public PosteriorOutputs posterior(BayesianModel model, TrainConfig config, Supplier<ExampleSet> train) {
        if (moments == null || moments.count() == 0) {
            throw new RisbnnException(name() + " has no posterior: no iterates were collected (--swag-start "
                    + config.methods().swag().startEpoch(config.epochs()) + ", --epochs " + config.epochs() + ")");
        }
        SwagOptions options = config.methods().swag();
        return new SwagPosterior(model, new SwagGaussian(moments, full, options.scale(full)),
                options.batchNormUpdate(), train, config.batchSize());
    }
}
