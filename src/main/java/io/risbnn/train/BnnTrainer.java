package io.risbnn.train;

import io.risbnn.tensor.Scalars;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import io.risbnn.estimator.Estimator;
import io.risbnn.estimator.Estimators;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.method.InferenceMethod;
import io.risbnn.method.Methods;
import io.risbnn.model.BayesianModel;
import io.risbnn.nn.VariationalBlock;
import io.risbnn.variational.Prior;
import io.risbnn.variational.Priors;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Minimises NLL + factor·penalty/N over mini-batches, the penalty and the trained parameters being the
 * {@link InferenceMethod}'s (VI: KL(q‖p) over μ and ρ; MAP: −log p(μ) over μ). Each step runs inside an {@link NDScope}, so every
 * intermediate array is freed when the step ends and memory stays flat over long runs; only the
 * parameters and the optimiser state outlive a step.
 */
public final class BnnTrainer {
    /** Computes evaluation metrics after an epoch (may be empty). */
    public interface EpochEvaluator {
        /**
         * Evaluates the model after an epoch.
         *
         * @param epoch the 0-based epoch just finished
         * @return metrics by key, added to the epoch's {@link EpochMetrics#eval()}; may be empty
         */
        Map<String, Double> evaluate(int epoch);
    }

    /** Receives each epoch's metrics as soon as they are known. */
    public interface EpochListener {
        /**
         * Receives one epoch's figures.
         *
         * @param metrics the finished epoch's metrics
         */
        void onEpoch(EpochMetrics metrics);
    }

    private final BayesianModel model;
    private final TrainConfig config;
    private final InferenceMethod method;
    private final Estimator estimator;
    private final Prior prior;
    private final ParameterUpdate optimizer;
    private final List<NamedParameter> parameters;
    private final io.risbnn.method.StepRule stepRule;
    private TrainingState current = new TrainingState();
    private ProgressReporter progress = ProgressReporter.silent();

    /**
     * A trainer for the configuration's method (a fresh instance).
     *
     * @param model the model to train in place
     * @param config the estimator, objective, optimiser, schedules, seed and method options
     */
    public BnnTrainer(BayesianModel model, TrainConfig config) {
        this(model, config, Methods.of(config));
    }

    /**
     * A trainer for {@code method}, whose after-step and after-epoch hooks it calls.
     *
     * @param model the model to train in place
     * @param config the estimator, objective, optimiser, schedules and seed
     * @param method the inference method whose penalty and parameters are trained
     */
    public BnnTrainer(BayesianModel model, TrainConfig config, InferenceMethod method) {
        this.model = model;
        this.config = config;
        this.method = method;
        this.estimator = method.estimator(config);
        Estimators.checkPair(estimator, config.objective());
        this.prior = Priors.parse(config.prior());
        this.optimizer = config.newOptimizer();
        this.stepRule = method.stepRule(config);
        method.prepare(model);
        this.parameters = namedParametersOf(model).stream().filter(p -> method.trains(model, p)).toList();
        for (NamedParameter p : parameters) {
            p.array().setRequiresGradient(true);
        }
    }

    /**
     * Reports training progress to {@code reporter} (silent by default).
     *
     * @param reporter the progress reporter
     * @return this trainer
     */
    public BnnTrainer withProgress(ProgressReporter reporter) {
        this.progress = reporter;
        return this;
    }

    /**
     * Every model array (trainable or not, e.g. BatchNorm running statistics) with its checkpoint name:
     * "layer.tensor" for variational layers, DJL's path for anything else.
     *
     * @param model the model
     * @return its arrays with checkpoint names and trainability
     */
    public static List<NamedParameter> namedParametersOf(BayesianModel model) {
        Map<Parameter, String> names = new IdentityHashMap<>();
        for (VariationalBlock layer : model.variationalLayers()) {
            for (Pair<String, Parameter> p : layer.getDirectParameters()) {
                names.put(p.getValue(), layer.layerName() + "." + p.getKey());
            }
        }
        List<NamedParameter> out = new ArrayList<>();
        for (Pair<String, Parameter> p : model.parameters()) {
            Parameter parameter = p.getValue();
            out.add(new NamedParameter(names.getOrDefault(parameter, p.getKey()), parameter.getArray(), parameter.requiresGradient()));
        }
        return out;
    }

    /**
     * The inference method being trained.
     *
     * @return the method
     */
    public InferenceMethod method() {
        return method;
    }

    /**
     * The optimiser, whose state goes into checkpoints.
     *
     * @return Adam or SGD with momentum, as configured
     */
    public ParameterUpdate optimizer() {
        return optimizer;
    }

    /**
     * The arrays this trainer optimises.
     *
     * @return the model's named arrays
     */
    public List<NamedParameter> parameters() {
        return parameters;
    }

    /**
     * Loss of every step taken, in order (the training trace of Figure 1).
     *
     * @return the losses of the current run's steps
     */
    public List<Double> stepLosses() {
        return current.stepLosses;
    }

    /**
     * Trains a fresh run to the configured number of epochs without checkpoints.
     *
     * @param train the training set
     * @param evaluator evaluates after each epoch
     * @param listener receives each epoch's metrics
     * @return the metrics of every epoch, in order
     */
    public List<EpochMetrics> fit(ExampleSet train, EpochEvaluator evaluator, EpochListener listener) {
        return fit(train, evaluator, listener, new TrainingState(), Checkpointer.none()).history();
    }

    /**
     * Trains from {@code state} (fresh, or restored from a checkpoint together with the parameters and
     * the optimiser) to the configured number of epochs, saving through {@code checkpointer}.
     *
     * @param train the training set
     * @param evaluator evaluates after each epoch
     * @param listener receives each epoch's metrics
     * @param state where the run starts; advanced in place
     * @param checkpointer decides when to save and saves
     * @return the final state
     * @throws NonFiniteException if a loss or gradient is NaN/Inf and skipping is off
     */
    public TrainingState fit(ExampleSet train, EpochEvaluator evaluator, EpochListener listener,
                             TrainingState state, Checkpointer checkpointer) {
        int n = train.size();
        int stepsPerEpoch = (n + config.batchSize() - 1) / config.batchSize();
        long totalSteps = (long) stepsPerEpoch * config.epochs();
        NDManager manager = model.manager();
        this.current = state;
        progress.start(totalSteps, state.step);
        while (state.epoch < config.epochs()) {
            int epoch = state.epoch;
            int[] permutation = permutation(n, Seeds.stream(config.seed(), "data-order-" + epoch));
            while (state.stepInEpoch < stepsPerEpoch) {
                long started = System.nanoTime();
                int b = state.stepInEpoch;
                long step = state.step;
                int from = b * config.batchSize();
                int[] rows = java.util.Arrays.copyOfRange(permutation, from, Math.min(n, from + config.batchSize()));
                double lr = method.learningRate(config, epoch, step, totalSteps);
                double klFactor = config.kl().factor(step) / n;
                boolean diagnose = b == 0;
                Seeds.seedEngine(config.seed(), "step", step);
                try (NDScope scope = new NDScope()) {
                    ForwardContext ctx = new ForwardContext(estimator, config.objective(), config.samples(), diagnose);
                    NDArray x = train.features(manager, rows, epoch, b);
                    NDArray y = train.targets(manager, rows);
                    double nllValue;
                    double klValue;
                    double lossValue;
                    if (stepRule != null) {
                        io.risbnn.method.StepRule.Outcome outcome = stepRule.take(new io.risbnn.method.StepRule.Inputs(
                                model, config, ctx, prior, parameters, optimizer, x, y, n, lr, klFactor, epoch, step));
                        zeroGradients();
                        String badParameter = firstNonFiniteParameter();
                        if (badParameter != null) {
                            throw new NonFiniteException(badParameter, step, epoch);
                        }
                        if (outcome.skipped()) {
                            state.skipped++;
                        } else {
                            method.afterStep(model, config, epoch, step, stepsPerEpoch);
                            record(state, ctx, diagnose, outcome.loss(), outcome.nll(), outcome.penalty(), klFactor);
                        }
                        progress.advance(outcome.loss());
                    } else {
                        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                            NDArray nll = config.objective().negativeLogLikelihood(model.likelihood(), model.forward(x, ctx, true), y);
                            NDArray kl = method.penalty(model, prior); // KL(q‖p) for VI, −log p(μ) for MAP
                            NDArray loss = nll.add(Scalars.mul(kl, klFactor));
                            nllValue = scalar(nll);
                            klValue = scalar(kl);
                            lossValue = scalar(loss);
                            if (Double.isFinite(lossValue)) {
                                collector.backward(loss);
                            }
                        }
                        String bad = Double.isFinite(lossValue) ? firstNonFiniteGradient() : "loss";
                        if (bad != null) {
                            zeroGradients();
                            if (!config.skipNonFinite()) {
                                throw new NonFiniteException(bad, step, epoch,
                                        Double.isFinite(lossValue) ? null : lossDiagnosis(nllValue, klValue));
                            }
                            state.skipped++;
                        } else {
                            optimizer.step(parameters, lr);
                            zeroGradients();
                            String badParameter = firstNonFiniteParameter();
                            if (badParameter != null) {
                                throw new NonFiniteException(badParameter, step, epoch);
                            }
                            method.afterStep(model, config, epoch, step, stepsPerEpoch);
                            record(state, ctx, diagnose, lossValue, nllValue, klValue, klFactor);
                        }
                        progress.advance(lossValue);
                    }
                }
                finishStep(state, started, stepsPerEpoch, checkpointer);
            }
            method.afterEpoch(model, config, epoch);
            long taken = Math.max(1, state.taken);
            Seeds.seedEngine(config.seed(), "evaluation", epoch);
            Map<String, Double> eval = evaluate(evaluator, epoch, state.step - 1);
            double lastLr = method.learningRate(config, epoch, state.step - 1, totalSteps);
            EpochMetrics metrics = new EpochMetrics(epoch + 1, state.step, state.sumLoss / taken, state.sumNll / taken,
                    state.sumKl / taken, state.sumKlTerm / taken, lastLr, state.seconds, state.skipped,
                    new LinkedHashMap<>(state.ess), eval);
            state.history.add(metrics);
            if (listener != null) {
                listener.onEpoch(metrics);
            }
            progress.epochDone(metrics, config.epochs());
            state.epoch++;
            state.startEpoch();
            if (checkpointer.due(state.step, true)) {
                checkpointer.save(state);
            }
        }
        progress.finish();
        return state;
    }

    private static void record(TrainingState state, ForwardContext ctx, boolean diagnose, double loss, double nll,
                               double kl, double klFactor) {
        if (diagnose) {
            state.ess.putAll(ctx.essFraction());
        }
        state.stepLosses.add(loss);
        state.stepNlls.add(nll);
        state.sumLoss += loss;
        state.sumNll += nll;
        state.sumKl += kl;
        state.sumKlTerm += kl * klFactor;
        state.taken++;
    }

    private static void finishStep(TrainingState state, long started, int stepsPerEpoch, Checkpointer checkpointer) {
        state.stepInEpoch++;
        state.step++;
        state.seconds += (System.nanoTime() - started) / 1e9;
        if (state.stepInEpoch < stepsPerEpoch && checkpointer.due(state.step, false)) {
            checkpointer.save(state);
        }
    }

    /** An evaluation that met an overflowed prediction fails with the step it followed. */
    private static Map<String, Double> evaluate(EpochEvaluator evaluator, int epoch, long lastStep) {
        try {
            return evaluator == null ? Map.of() : evaluator.evaluate(epoch);
        } catch (NonFiniteException e) {
            throw e.atStep(lastStep, epoch);
        }
    }

    /**
     * Parameters are finite here (checked after every update), so a non-finite loss is an overflow in
     * the forward pass or the KL: name which part, and the largest parameter tensor, the likely culprit.
     */
    private String lossDiagnosis(double nll, double kl) {
        String part = Double.isFinite(nll) ? "kl " + kl : "nll " + nll;
        NamedParameter largest = null;
        double largestValue = -1;
        for (NamedParameter p : parameters) {
            double v = scalar(p.array().abs().max());
            if (v > largestValue) {
                largest = p;
                largestValue = v;
            }
        }
        return largest == null ? part : String.format(java.util.Locale.ROOT,
                "%s; largest parameter %s, max |value| %.3g", part, largest.name(), largestValue);
    }

    private String firstNonFiniteGradient() {
        return ParameterChecks.firstNonFiniteGradient(parameters);
    }

    private String firstNonFiniteParameter() {
        return ParameterChecks.firstNonFiniteParameter(parameters);
    }

    private void zeroGradients() {
        ParameterChecks.zeroGradients(parameters);
    }

    /** A 0-d array's value as double (scalar arithmetic may have promoted it to float64). */
    static double scalar(NDArray a) {
        return a.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
    }

    static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
