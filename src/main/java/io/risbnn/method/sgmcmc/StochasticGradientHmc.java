package io.risbnn.method.sgmcmc;

import ai.djl.ndarray.NDArray;
import io.risbnn.RisbnnException;
import io.risbnn.method.MapBasedMethod;
import io.risbnn.method.Methods;
import io.risbnn.method.StepRule;
import io.risbnn.method.ensemble.StoredNetworks;
import io.risbnn.model.BayesianModel;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.TrainConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * SGHMC with cSG-MCMC's cyclical schedule ({@code --method sghmc}): the point-mass network is the chain's
 * state, every trainer step one {@link SghmcStep} at the {@link CyclicalSchedule}'s rate, and at the end of
 * each of the last {@code samplesPerCycle} epochs of a cycle (sampling phase only) every model array is
 * kept; the posterior is the uniform mixture of the kept networks. The prior is the run's {@code --prior}
 * (weight decay), as for MAP. Velocities and kept samples are in checkpoints, so resume is exact.
 */
public final class StochasticGradientHmc extends MapBasedMethod {
    private final StoredNetworks samples = new StoredNetworks("sample");
    private SghmcStep step;
    private CyclicalSchedule schedule;
    private long stepsPerEpoch;

    @Override
    public String name() {
        return Methods.SGHMC;
    }

    private static SgmcmcOptions options(TrainConfig config) {
        return config.methods().sgmcmc();
    }

    @Override
    public void checkConfig(TrainConfig config, int trainingRows) {
        super.checkConfig(config, trainingRows);
        SgmcmcOptions o = options(config);
        long perEpoch = (trainingRows + config.batchSize() - 1) / config.batchSize();
        long total = perEpoch * config.epochs();
        CyclicalSchedule s = new CyclicalSchedule(o, total);
        int collected = 0;
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            if (s.collects((epoch + 1) * perEpoch - 1, perEpoch)) {
                collected++;
            }
        }
        if (collected == 0) {
            throw new RisbnnException("--epochs " + config.epochs() + " with --sghmc-cycles " + o.cycles()
                    + " and --sghmc-exploration " + o.exploration() + ": no epoch ends in a sampling phase, so SGHMC"
                    + " would keep no sample; expected more epochs per cycle or a smaller exploration fraction");
        }
    }

    @Override
    public StepRule stepRule(TrainConfig config) {
        if (step == null) {   // once per run: a restore may have filled its velocities before the trainer asks
            SgmcmcOptions o = options(config);
            step = new SghmcStep(o.friction(), o.temperature(), s -> schedule != null && schedule.sampling(s),
                    this::penalty);
        }
        return step;
    }

    @Override
    public double learningRate(TrainConfig config, int epoch, long stepIndex, long totalSteps) {
        if (schedule == null) {
            schedule = new CyclicalSchedule(options(config), totalSteps);
            stepsPerEpoch = totalSteps / config.epochs();
        }
        return schedule.rate(config.lr().baseLr(), stepIndex);
    }

    @Override
    public void afterEpoch(BayesianModel model, TrainConfig config, int epoch) {
        long lastStep = (epoch + 1) * stepsPerEpoch - 1;
        if (schedule != null && schedule.collects(lastStep, stepsPerEpoch)) {
            samples.add(model);
        }
    }

    /**
     * Samples kept so far.
     *
     * @return their count
     */
    public int keptSamples() {
        return samples.size();
    }

    @Override
    public Map<String, NDArray> state() {
        Map<String, NDArray> out = new LinkedHashMap<>(samples.state());
        if (step != null) {
            step.velocity.forEach((name, v) -> out.put("velocity/" + name, v));
        }
        return out;
    }

    @Override
    public void restore(BayesianModel model, TrainConfig config, Map<String, NDArray> state) {
        samples.restore(state);
        if (step == null) {
            stepRule(config);
        }
        step.velocity.clear();
        state.forEach((name, array) -> {
            if (name.startsWith("velocity/")) {
                step.velocity.put(name.substring("velocity/".length()), array);
            }
        });
    }

    @Override
    public PosteriorOutputs posterior(BayesianModel model, TrainConfig config, Supplier<ExampleSet> train) {
        return samples.mixture(model, "SGHMC chain");
    }
}
