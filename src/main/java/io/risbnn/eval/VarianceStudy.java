package io.risbnn.eval;

import io.risbnn.tensor.Scalars;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import io.risbnn.estimator.Estimator;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.model.BayesianModel;
import io.risbnn.nn.VariationalBlock;
import io.risbnn.objective.Objective;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.NamedParameter;
import io.risbnn.train.BnnTrainer;
import io.risbnn.variational.Prior;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How noisy each estimator makes the training signal at fixed parameters: the loss and its gradients
 * are recomputed R times on one fixed batch with fresh noise, and the variance over repeats is summed
 * over the elements of each layer's ∂loss/∂μ and ∂loss/∂ρ (weights and bias together).
 */
public final class VarianceStudy {
    /** One estimator's variances: of the loss, and per layer of the μ- and ρ-gradients. */
    public record Result(String estimator, double lossMean, double lossVariance, Map<String, double[]> layerGradientVariance,
                         double essFraction) {
        /**
         * Variances as a flat map: loss, then {layer}.mu and {layer}.rho.
         *
         * @return the variances by key, in that order
         */
        public Map<String, Double> asMap() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("loss", lossVariance);
            layerGradientVariance.forEach((layer, v) -> {
                m.put(layer + ".mu", v[0]);
                m.put(layer + ".rho", v[1]);
            });
            return m;
        }
    }

    private final BayesianModel model;
    private final Prior prior;
    private final double klFactor;

    /**
     * A study of one model at its current parameters.
     *
     * @param model the model; its parameters are not changed (gradients are)
     * @param prior the prior of the KL term
     * @param klFactor the factor of the KL term in the loss (klWeight·temperature/N)
     */
    public VarianceStudy(BayesianModel model, Prior prior, double klFactor) {
        this.model = model;
        this.prior = prior;
        this.klFactor = klFactor;
    }

    /**
     * Recomputes the loss and its gradients {@code repeats} times on one fixed batch with fresh noise.
     *
     * @param estimator the estimator under study
     * @param objective the objective the loss is taken under
     * @param samples M
     * @param repeats R, ≥ 2
     * @param data the example set
     * @param rows the indices into {@code data} of the fixed batch
     * @return the loss's mean and variance, the summed gradient variances per layer, and the mean ESS/M
     */
    public Result measure(Estimator estimator, Objective objective, int samples, int repeats, ExampleSet data, int[] rows) {
        List<NamedParameter> parameters = BnnTrainer.namedParametersOf(model).stream().filter(NamedParameter::trainable).toList();
        for (NamedParameter p : parameters) {
            p.array().setRequiresGradient(true);
        }
        int count = parameters.size();
        double[][] sum = new double[count][];
        double[][] sumSq = new double[count][];
        double lossSum = 0;
        double lossSumSq = 0;
        double essSum = 0;
        NDManager manager = model.manager();
        for (int r = 0; r < repeats; r++) {
            try (NDScope scope = new NDScope()) {
                ForwardContext ctx = new ForwardContext(estimator, objective, samples, true);
                NDArray x = data.features(manager, rows);
                NDArray y = data.targets(manager, rows);
                double loss;
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray value = ctx.objective().negativeLogLikelihood(model.likelihood(), model.forward(x, ctx, true), y)
                            .add(Scalars.mul(model.kl(prior), klFactor));
                    loss = value.toType(DataType.FLOAT64, false).getDouble();
                    collector.backward(value);
                }
                lossSum += loss;
                lossSumSq += loss * loss;
                essSum += ctx.essFraction().values().stream().mapToDouble(Double::doubleValue).average().orElse(1.0);
                for (int i = 0; i < count; i++) {
                    NDArray grad = parameters.get(i).array().getGradient();
                    double[] g = grad.toType(DataType.FLOAT64, false).toDoubleArray();
                    if (sum[i] == null) {
                        sum[i] = new double[g.length];
                        sumSq[i] = new double[g.length];
                    }
                    for (int j = 0; j < g.length; j++) {
                        sum[i][j] += g[j];
                        sumSq[i][j] += g[j] * g[j];
                    }
                    grad.set(new NDIndex(":"), 0f);
                }
            }
        }
        Map<String, double[]> byLayer = new LinkedHashMap<>();
        for (VariationalBlock layer : model.variationalLayers()) {
            byLayer.put(layer.layerName(), new double[2]);
        }
        for (int i = 0; i < count; i++) {
            String name = parameters.get(i).name();
            int dot = name.indexOf('.');
            double[] target = dot < 0 ? null : byLayer.get(name.substring(0, dot));
            if (target == null) {
                continue;   // the likelihood's noise scale is not a variational parameter
            }
            double total = 0;
            for (int j = 0; j < sum[i].length; j++) {
                double mean = sum[i][j] / repeats;
                total += (sumSq[i][j] - repeats * mean * mean) / (repeats - 1);
            }
            target[name.endsWith("Mu") ? 0 : 1] += Math.max(0, total);
        }
        double lossMean = lossSum / repeats;
        double lossVar = Math.max(0, (lossSumSq - repeats * lossMean * lossMean) / (repeats - 1));
        return new Result(estimator.name(), lossMean, lossVar, byLayer, essSum / repeats);
    }

    /**
     * Relative standard error of a sample variance from R normal-ish repeats: √(2/(R−1)).
     *
     * @param repeats R, ≥ 2
     * @return √(2/(R−1))
     */
    public static double relativeStandardError(int repeats) {
        return Math.sqrt(2.0 / (repeats - 1));
    }

    /**
     * Ratios of every variance of {@code result} to those of {@code reference}.
     *
     * @param result the estimator under study
     * @param reference the baseline (e.g. LRT)
     * @return ratios by the keys of {@link Result#asMap()}
     */
    public static Map<String, Double> ratios(Result result, Result reference) {
        Map<String, Double> out = new LinkedHashMap<>();
        Map<String, Double> ref = reference.asMap();
        result.asMap().forEach((k, v) -> out.put(k, ref.get(k) > 0 ? v / ref.get(k) : Double.NaN));
        return out;
    }

    static List<String> keys(Result r) {
        return new ArrayList<>(r.asMap().keySet());
    }
}
