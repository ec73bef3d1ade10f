package io.risbnn.method.hmc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.risbnn.RisbnnException;
import io.risbnn.method.MapBasedMethod;
import io.risbnn.method.MemberTraining;
import io.risbnn.method.Methods;
import io.risbnn.method.PointWeights;
import io.risbnn.method.StepRule;
import io.risbnn.method.ensemble.EnsemblePosterior;
import io.risbnn.model.BayesianModel;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.NamedParameter;
import io.risbnn.train.Seeds;
import io.risbnn.train.TrainConfig;
import io.risbnn.train.BnnTrainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Full-batch Hamiltonian Monte Carlo over all weights θ (Neal 2011; Izmailov et al. 2021): the network is
 * MAP's point mass (ρ collapsed, μ = θ), the potential U(θ) = (N·mean NLL(θ) − log p(θ))/T with the run's
 * {@code --prior} ({@link NetworkPotential}), and one trainer step is one HMC iteration
 * ({@link HamiltonianSampler}: p ~ N(0, I) from (seed, iteration), L leapfrog steps of size ε, a
 * Metropolis–Hastings test). A chain's iterations are the run's steps, --epochs × 1 (the batch must hold
 * every training row); the first burn-in iterations are not kept (and, with --hmc-adapt, tune ε by
 * {@link DualAveraging}), after them every thin-th state is.
 *
 * <p>Chains: independent chains run one after the other as members ({@link MemberTraining}, as deep
 * ensembles train members): chain 0 from the run's seed and initialisation, chain k &gt; 0 re-initialised
 * from the seed drawn from (seed, "hmc-chain-k"). So the run loop's checkpoints, resume and per-member
 * reinitialisation serve HMC unchanged, and the chains' different starting points make R̂ meaningful.
 *
 * <p>The predictive is the uniform mixture over every kept sample of every chain (the ensemble's
 * mixture, {@link EnsemblePosterior}). Results get {@link #diagnostics}: acceptance rate after burn-in,
 * kept samples, the final step size, split R̂ of U and of the network outputs at the first training rows
 * (function space: weights are not identifiable across chains), and the ESS of U.
 *
 * <p>Not sampled: the regression noise σ stays at its initial value; BatchNorm running statistics are
 * the last forward pass's (Izmailov et al. replace BatchNorm by filter response normalisation for HMC).
 */
public final class Hmc extends MapBasedMethod implements MemberTraining {
    /** Training rows whose outputs the function-space R̂ is computed on. */
    static final int RHAT_ROWS = 16;
    /** The keys of {@link #diagnostics()}, in report order. */
    public static final List<String> DIAGNOSTICS = List.of("hmc_acceptance", "hmc_acceptance_burn_in", "hmc_samples",
            "hmc_step_size", "hmc_divergences", "hmc_rhat_potential", "hmc_rhat_outputs_max", "hmc_rhat_outputs_median",
            "hmc_ess_potential");

    private final HamiltonianSampler sampler;
    private final List<HmcChain> chains = new ArrayList<>();
    private int completed;
    private double[] diagnostics;
    private NDManager modelManager;
    private NDManager stateManager;

    /** HMC with the Metropolis–Hastings sampler. */
    public Hmc() {
        this(new HamiltonianSampler());
    }

    /**
     * With a given sampler (a test injects a wrong acceptance).
     *
     * @param sampler the transition kernel
     */
    public Hmc(HamiltonianSampler sampler) {
        this.sampler = sampler;
    }

    @Override
    public String name() {
        return Methods.HMC;
    }

    @Override
    public void prepare(BayesianModel model) {
        super.prepare(model);
        modelManager = model.manager();
    }

    /** θ only: the regression noise is not sampled. */
    @Override
    public boolean trains(BayesianModel model, NamedParameter parameter) {
        return super.trains(model, parameter) && !parameter.name().startsWith("likelihood_");
    }

    @Override
    public String objectiveLabel(TrainConfig config) {
        return "potential";
    }

    @Override
    public void checkRun(TrainConfig config, ExampleSet train, ExampleSet validation) {
        checkConfig(config, train.size());
    }

    /** Refused before any output: a batch smaller than the training set, or a burn-in that keeps no sample. */
    @Override
    public void checkConfig(TrainConfig config, int trainingRows) {
        super.checkConfig(config, trainingRows);
        if (config.batchSize() < trainingRows) {
            throw new RisbnnException("--batch-size " + config.batchSize() + ": HMC is full-batch, expected at least the "
                    + trainingRows + " training rows");
        }
        HmcOptions options = config.methods().hmc();
        int burnIn = options.burnIn(config.epochs());
        if (burnIn >= config.epochs()) {
            throw new RisbnnException("--hmc-burn-in " + burnIn + ": expected fewer than the --epochs " + config.epochs()
                    + " iterations of a chain, so samples are kept");
        }
    }

    @Override
    public StepRule stepRule(TrainConfig config) {
        return this::iterate;
    }

    /** One HMC iteration of the current chain, in place: the model ends at the chain's new state. */
    private StepRule.Outcome iterate(StepRule.Inputs in) {
        if (in.features().getShape().get(0) != in.trainingRows()) {
            throw new RisbnnException("--batch-size " + in.config().batchSize() + ": HMC is full-batch, expected at least the "
                    + in.trainingRows() + " training rows");
        }
        HmcOptions options = in.config().methods().hmc();
        HmcChain chain = currentChain(options);
        long i = in.step();
        int burnIn = options.burnIn(in.config().epochs());
        boolean burning = i < burnIn;
        double step = !options.adapt() ? options.stepSize()
                : burning ? chain.adaptation.step() : chain.adaptation.finalStep();
        NetworkPotential potential = new NetworkPotential(in.model(), in.prior(), in.features(), in.targets(),
                options.temperature(), options.sampleNoise());
        double[] theta = potential.weights().toDoubleArray();
        RecordingPotential recording = new RecordingPotential(potential);
        HamiltonianSampler.Transition t = sampler.transition(recording, theta, step, options.leapfrogSteps(),
                Seeds.stream(in.config().seed(), "hmc-iteration-" + i));
        potential.weights().assign(t.theta(), in.model().manager());
        if (burning) {
            chain.proposedBurnIn++;
            chain.acceptedBurnIn += t.accepted() ? 1 : 0;
            if (options.adapt()) {
                chain.adaptation.update(t.acceptProbability());
            }
        } else {
            chain.proposed++;
            chain.accepted += t.accepted() ? 1 : 0;
            if ((i - burnIn) % options.thin() == options.thin() - 1) {
                chain.keep(t.theta(), t.potential());
            }
        }
        chain.divergences += Double.isFinite(t.energyError()) ? 0 : 1;
        double[] parts = t.accepted() ? recording.last : recording.first;
        return new StepRule.Outcome(t.potential(), parts[0], parts[1], false);
    }

    /** Remembers (mean NLL, −log p) of the first evaluation (the start) and of the last (the proposal). */
    private static final class RecordingPotential implements Potential {
        private final NetworkPotential inner;
        double[] first;
        double[] last;

        RecordingPotential(NetworkPotential inner) {
            this.inner = inner;
        }

        @Override
        public double valueAndGradient(double[] theta, double[] gradient) {
            double u = inner.valueAndGradient(theta, gradient);
            last = new double[] {inner.lastNll(), inner.lastPenalty()};
            if (first == null) {
                first = last;
            }
            return u;
        }
    }

    private HmcChain currentChain(HmcOptions options) {
        while (chains.size() <= completed) {
            chains.add(new HmcChain(options));
        }
        return chains.get(completed);
    }

    @Override
    public int members(TrainConfig config) {
        return config.methods().hmc().chains();
    }

    @Override
    public int completedMembers() {
        return completed;
    }

    @Override
    public TrainConfig memberConfig(TrainConfig config, int k) {
        return k == 0 ? config : config.withSeed(Seeds.stream(config.seed(), "hmc-chain-" + k).nextLong());
    }

    @Override
    public void memberDone(BayesianModel model) {
        completed++;
    }

    /** Computes the convergence figures (once; they are kept in the state for a resumed run). */
    @Override
    public void finish(BayesianModel model, TrainConfig config, ExampleSet train) {
        if (completed != members(config) || keptSamples() == 0) {
            throw new IllegalStateException(completed + " of " + members(config) + " chains ran, "
                    + keptSamples() + " samples kept");
        }
        diagnostics = computeDiagnostics(model, config, train);
    }

    private int keptSamples() {
        int n = 0;
        for (HmcChain c : chains) {
            n += c.samples.size();
        }
        return n;
    }

    private double[] computeDiagnostics(BayesianModel model, TrainConfig config, ExampleSet train) {
        HmcOptions options = config.methods().hmc();
        long proposed = 0;
        long accepted = 0;
        long proposedBurnIn = 0;
        long acceptedBurnIn = 0;
        long divergences = 0;
        double step = 0;
        double ess = 0;
        List<double[]> potentials = new ArrayList<>();
        for (HmcChain c : chains) {
            proposed += c.proposed;
            accepted += c.accepted;
            proposedBurnIn += c.proposedBurnIn;
            acceptedBurnIn += c.acceptedBurnIn;
            divergences += c.divergences;
            step += options.adapt() ? c.adaptation.finalStep() : options.stepSize();
            double[] potential = c.potentialArray();
            potentials.add(potential);
            double e = ChainDiagnostics.effectiveSampleSize(potential);
            ess += Double.isNaN(e) ? c.samples.size() : e;
        }
        double[] outputRHat = outputRHats(model, train, options.sampleNoise());
        double[] sorted = outputRHat.clone();
        java.util.Arrays.sort(sorted);
        double max = sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
        double median = sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
        return new double[] {accepted / (double) Math.max(1, proposed),
                proposedBurnIn == 0 ? Double.NaN : acceptedBurnIn / (double) proposedBurnIn, keptSamples(),
                step / chains.size(), divergences, ChainDiagnostics.splitRHat(potentials), max, median, ess};
    }

    /** Split R̂ over chains of every output at the first {@value #RHAT_ROWS} training rows. */
    private double[] outputRHats(BayesianModel model, ExampleSet train, boolean sampleNoise) {
        int rows = Math.min(RHAT_ROWS, train.size());
        ExampleSet first = new FirstRows(train, rows);
        List<double[][][]> byChain = new ArrayList<>();   // [chain][sample][row][out]
        try (BayesianModel copy = copyOf(model)) {
            PointWeights weights = PointWeights.of(copy, sampleNoise);
            for (HmcChain c : chains) {
                double[][][] outputs = new double[c.samples.size()][][];
                for (int s = 0; s < outputs.length; s++) {
                    weights.assign(copy.manager().create(c.samples.get(s)));
                    outputs[s] = io.risbnn.eval.Predictive.moment(copy, first)[0];
                }
                byChain.add(outputs);
            }
        }
        int width = byChain.get(0).length == 0 ? 0 : byChain.get(0)[0][0].length;
        double[] out = new double[rows * width];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < width; o++) {
                List<double[]> series = new ArrayList<>();
                for (double[][][] chain : byChain) {
                    double[] x = new double[chain.length];
                    for (int s = 0; s < chain.length; s++) {
                        x[s] = chain[s][r][o];
                    }
                    series.add(x);
                }
                out[r * width + o] = ChainDiagnostics.splitRHat(series);
            }
        }
        return out;
    }

    /** A network of the model's architecture with all of its arrays (noise, BatchNorm statistics). */
    private static BayesianModel copyOf(BayesianModel model) {
        BayesianModel copy = model.newInstance(model.manager());
        List<NamedParameter> source = BnnTrainer.namedParametersOf(model);
        List<NamedParameter> target = BnnTrainer.namedParametersOf(copy);
        for (int i = 0; i < target.size(); i++) {
            target.get(i).array().set(new NDIndex("..."), source.get(i).array());
        }
        return copy;
    }

    /** The convergence figures by name (finite ones only); empty before {@link #finish}. */
    @Override
    public Map<String, Double> diagnostics() {
        Map<String, Double> out = new LinkedHashMap<>();
        if (diagnostics != null) {
            for (int k = 0; k < DIAGNOSTICS.size(); k++) {
                if (Double.isFinite(diagnostics[k])) {
                    out.put(DIAGNOSTICS.get(k), diagnostics[k]);
                }
            }
        }
        return out;
    }

    /** Every chain's samples, counters and adaptation; valid until the next call. */
    @Override
    public Map<String, NDArray> state() {
        if (modelManager == null) {
            throw new IllegalStateException("state() before prepare()");
        }
        if (stateManager != null) {
            stateManager.close();
        }
        stateManager = modelManager.newSubManager();
        Map<String, NDArray> out = new LinkedHashMap<>();
        out.put("hmc/completed", stateManager.create(new double[] {completed}));
        for (int k = 0; k < chains.size(); k++) {
            out.putAll(chains.get(k).state(stateManager, "hmc/chain/" + k + "/"));
        }
        if (diagnostics != null) {
            out.put("hmc/diagnostics", stateManager.create(diagnostics));
        }
        return out;
    }

    @Override
    public void restore(BayesianModel model, TrainConfig config, Map<String, NDArray> state) {
        modelManager = model.manager();
        chains.clear();
        diagnostics = null;
        completed = 0;
        if (!state.containsKey("hmc/completed")) {
            return;
        }
        completed = (int) state.get("hmc/completed").toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
        for (int k = 0; HmcChain.isIn(state, "hmc/chain/" + k + "/"); k++) {
            chains.add(HmcChain.restore(config.methods().hmc(), state, "hmc/chain/" + k + "/"));
        }
        NDArray d = state.get("hmc/diagnostics");
        if (d != null) {
            diagnostics = d.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
        }
    }

    /** The uniform mixture over every kept sample of every chain. */
    @Override
    public PosteriorOutputs posterior(BayesianModel model, TrainConfig config, Supplier<ExampleSet> train) {
        if (keptSamples() == 0) {
            throw new RisbnnException("hmc has no posterior: no samples were kept (--hmc-burn-in, --epochs "
                    + config.epochs() + ")");
        }
        List<BayesianModel> networks = new ArrayList<>();
        for (HmcChain c : chains) {
            for (float[] theta : c.samples) {
                BayesianModel copy = copyOf(model);
                PointWeights.of(copy, config.methods().hmc().sampleNoise()).assign(copy.manager().create(theta));
                networks.add(copy);
            }
        }
        return new EnsemblePosterior(networks);
    }

    /** The first rows of a set. */
    private record FirstRows(ExampleSet set, int rows) implements ExampleSet {
        @Override
        public int size() {
            return rows;
        }

        @Override
        public NDArray features(NDManager manager, int[] r) {
            return set.features(manager, r);
        }

        @Override
        public NDArray targets(NDManager manager, int[] r) {
            return set.targets(manager, r);
        }
    }
}
