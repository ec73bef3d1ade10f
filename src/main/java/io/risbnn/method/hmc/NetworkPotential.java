package io.risbnn.method.hmc;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.McSharedEstimator;
import io.risbnn.method.PointWeights;
import io.risbnn.model.BayesianModel;
import io.risbnn.objective.Objective;
import io.risbnn.tensor.Scalars;
import io.risbnn.train.NamedParameter;
import io.risbnn.variational.Prior;

/**
 * The tempered posterior's potential over a point-mass network's weights θ ({@link PointWeights}):
 * U(θ) = (N · mean NLL(θ) − log p(θ)) / T on the full training batch, the prior over every variational
 * layer's weight and bias (BatchNorm γ, β have the flat prior MAP gives them; with {@code sampleNoise} the
 * likelihood's log σ is the last entry of θ, with a flat prior, else it stays fixed). One forward and backward pass per evaluation, in float32, in its own
 * NDScope so a trajectory's L passes do not pile up in the step's scope.
 */
public final class NetworkPotential implements Potential {
    private final BayesianModel model;
    private final PointWeights weights;
    private final Prior prior;
    private final NDArray features;
    private final NDArray targets;
    private final double rows;
    private final double temperature;
    private final ForwardContext context = new ForwardContext(new McSharedEstimator(), Objective.ELBO, 1);
    private double lastNll = Double.NaN;
    private double lastPenalty = Double.NaN;

    /**
     * The potential of a point-mass model on the full training batch.
     *
     * @param model the MAP-form model whose weights are overwritten by every evaluation
     * @param prior the prior over the layers' weights and biases
     * @param features the full training batch's features [N, …]
     * @param targets its targets [N]
     * @param temperature T, &gt; 0
     * @param sampleNoise whether the likelihood's log σ is the last entry of θ
     */
    public NetworkPotential(BayesianModel model, Prior prior, NDArray features, NDArray targets, double temperature,
                            boolean sampleNoise) {
        this.model = model;
        this.weights = PointWeights.of(model, sampleNoise);
        this.prior = prior;
        this.features = features;
        this.targets = targets;
        this.rows = features.getShape().get(0);
        this.temperature = temperature;
        for (NamedParameter p : weights.parameters()) {
            if (!p.array().hasGradient()) {
                p.array().setRequiresGradient(true);
            }
        }
    }

    /**
     * The layout of θ.
     *
     * @return the point weights θ is written into
     */
    public PointWeights weights() {
        return weights;
    }

    /**
     * The mean NLL of the last evaluation.
     *
     * @return the NLL in nats per example; NaN before the first
     */
    public double lastNll() {
        return lastNll;
    }

    /**
     * −log p(θ) of the last evaluation.
     *
     * @return the negative log prior; NaN before the first
     */
    public double lastPenalty() {
        return lastPenalty;
    }

    @Override
    public double valueAndGradient(double[] theta, double[] gradient) {
        try (NDScope scope = new NDScope()) {
            weights.assign(theta, model.manager());
            double u;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray nll = Objective.ELBO.negativeLogLikelihood(model.likelihood(), model.forward(features, context, true),
                        targets);
                NDArray penalty = negativeLogPrior();
                NDArray potential = Scalars.mul(Scalars.mul(nll, rows).add(penalty), 1 / temperature);
                lastNll = scalar(nll);
                lastPenalty = scalar(penalty);
                u = scalar(potential);
                if (!Double.isFinite(u)) {
                    return Double.POSITIVE_INFINITY;
                }
                collector.backward(potential);
            }
            int at = 0;
            for (NamedParameter p : weights.parameters()) {
                NDArray g = p.array().getGradient();
                float[] values = g.toType(DataType.FLOAT32, false).toFloatArray();
                for (float v : values) {
                    gradient[at++] = v;
                }
                g.set(new NDIndex(":"), 0f);   // backward accumulates
            }
            return u;
        }
    }

    private NDArray negativeLogPrior() {
        return io.risbnn.method.MaximumAPosteriori.negativeLogPrior(model, prior);
    }

    private static double scalar(NDArray a) {
        return a.toType(DataType.FLOAT64, false).getDouble();
    }
}
