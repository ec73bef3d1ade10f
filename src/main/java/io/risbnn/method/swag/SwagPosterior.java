package io.risbnn.method.swag;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.risbnn.eval.Predictive;
import io.risbnn.method.PointWeights;
import io.risbnn.model.BayesianModel;
import io.risbnn.posterior.GaussianOutputs;
import io.risbnn.posterior.NoiseModel;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.posterior.VariationalPosterior;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.Seeds;
import java.util.List;
import java.util.function.Supplier;

/**
 * SWAG's posterior over a MAP-form network: sampled networks θ̃ ~ {@link SwagGaussian}, and the SWA
 * mean θ̄ as the deterministic predictive {@value #SWA}. Network k of a seed draws its z from the Java
 * stream (seed, "swag-network-k"), so a seed gives the same networks whatever the inputs or their
 * chunking. Each network's weights are written into the model, its BatchNorm statistics recomputed on
 * the training data when the network has BatchNorm and the option is on ({@link BatchNormUpdate},
 * deterministic, computed once per network and cached), and the deterministic forward of the
 * point-mass network run; afterwards the model's weights and running statistics are put back as they were.
 */
public final class SwagPosterior implements PosteriorOutputs {
    /** The SWA mean network's predictive. */
    public static final String SWA = "swa";
    static final String PURPOSE = "swag-network-";

    private final BayesianModel model;
    private final SwagGaussian gaussian;
    private final boolean batchNormUpdate;
    private final Supplier<ExampleSet> trainSupplier;
    private final int batchSize;
    private ExampleSet train;
    /** Networks whose BatchNorm statistics are kept (a few floats per channel each). */
    private static final int CACHED_NETWORKS = 512;
    private final java.util.Map<String, List<float[]>> statistics = new java.util.HashMap<>();

    /**
     * The posterior of a SWAG run.
     *
     * @param model the MAP-form model whose weights are overwritten per network and restored
     * @param gaussian the SWAG Gaussian over θ
     * @param batchNormUpdate whether to recompute BatchNorm statistics per sampled network
     * @param train the training set (asked for only when BatchNorm statistics must be recomputed)
     * @param batchSize rows per forward pass of the BatchNorm recomputation
     */
    public SwagPosterior(BayesianModel model, SwagGaussian gaussian, boolean batchNormUpdate, Supplier<ExampleSet> train,
                         int batchSize) {
        this.model = model;
        this.gaussian = gaussian;
        this.batchNormUpdate = batchNormUpdate && BatchNormUpdate.present(model);
        this.trainSupplier = train;
        this.batchSize = batchSize;
    }

    /**
     * The Gaussian the networks are drawn from.
     *
     * @return the SWAG Gaussian
     */
    public SwagGaussian gaussian() {
        return gaussian;
    }

    /**
     * θ̃ of network {@code k} of {@code seed}.
     *
     * @param seed the sampling seed
     * @param k the network's index
     * @return its weight vector, drawn from the stream (seed, "swag-network-k")
     */
    public double[] weights(long seed, int k) {
        return gaussian.draw(Seeds.stream(seed, PURPOSE + k));
    }

    @Override
    public double[][][] sampled(ExampleSet inputs, int samples, long seed) {
        double[][][] out = new double[samples][][];
        withWeightsRestored(weights -> {
            for (int k = 0; k < samples; k++) {
                out[k] = outputsOf(weights, weights(seed, k), seed + ":" + k, inputs);
            }
        });
        return out;
    }

    @Override
    public List<GaussianOutputs> predictives(ExampleSet inputs) {
        double[][][] mean = new double[1][][];
        withWeightsRestored(weights -> mean[0] = outputsOf(weights, gaussian.mean(), SWA, inputs));
        return List.of(GaussianOutputs.point(SWA, mean[0]));
    }

    @Override
    public String ownPredictive() {
        return SAMPLED;
    }

    @Override
    public NoiseModel noise() {
        return VariationalPosterior.noiseOf(model);
    }

    /**
     * The network with weights θ on {@code inputs}: [N][out]. The BatchNorm statistics of network
     * {@code key} are computed once and then reused (they depend on θ alone, and a caller evaluating
     * in chunks would otherwise pay one pass over the training set per chunk and network).
     */
    private double[][] outputsOf(PointWeights weights, double[] theta, String key, ExampleSet inputs) {
        weights.assign(theta, model.manager());
        if (batchNormUpdate) {
            List<float[]> cached = statistics.get(key);
            if (cached != null) {
                BatchNormUpdate.restore(model, cached);
            } else {
                BatchNormUpdate.recompute(model, trainingSet(), batchSize);
                if (statistics.size() >= CACHED_NETWORKS) {
                    statistics.clear();
                }
                statistics.put(key, BatchNormUpdate.snapshot(model));
            }
        }
        return Predictive.moment(model, inputs)[0];
    }

    private ExampleSet trainingSet() {
        if (train == null) {
            train = trainSupplier.get();
        }
        return train;
    }

    /** Runs {@code body}, then puts back the model's weights and BatchNorm statistics bit for bit. */
    private void withWeightsRestored(java.util.function.Consumer<PointWeights> body) {
        PointWeights weights = PointWeights.of(model);
        List<float[]> original = batchNormUpdate ? BatchNormUpdate.snapshot(model) : List.of();
        try (NDManager keep = model.manager().newSubManager()) {
            NDArray theta = weights.flatten(keep);
            try {
                body.accept(weights);
            } finally {
                weights.assign(theta);
                if (batchNormUpdate) {
                    BatchNormUpdate.restore(model, original);
                }
            }
        }
    }
}
