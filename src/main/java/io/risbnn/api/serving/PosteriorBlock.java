package io.risbnn.api.serving;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.risbnn.api.Posterior;
import io.risbnn.train.ShapedExamples;
import io.risbnn.posterior.GaussianOutputs;
import io.risbnn.train.Seeds;
import java.util.Optional;

/**
 * A loaded {@link Posterior} as the block of a DJL {@code Model}: the forward pass of a batch [B, …] of
 * standardised inputs runs S sampled networks at once (the batch stacked S times inside) and returns
 * {@code [B, S, out]} raw network outputs, then, when the method has its own deterministic predictive,
 * its output means [B, out], variances [B, out] and whether it models the epistemic part [B] (1 or 0).
 * Batch-major, so DJL's batchifier splits the result per input. The same seed gives the same S networks
 * for every batch: a batch predicts as its inputs one by one would.
 */
public final class PosteriorBlock extends AbstractBlock {
    private final Posterior posterior;
    private final int samples;
    private final long seed;

    /**
     * Wraps a loaded posterior; {@link PosteriorBlockFactory} builds it from {@code serving.properties}.
     *
     * @param posterior the posterior, which the block does not close (the model's manager does, when the posterior
     *     was loaded in it)
     * @param samples S, the networks sampled per forward pass, &ge; 1 (checked by the factory)
     * @param seed fixes the S networks: the same seed gives the same predictions for every batch
     */
    public PosteriorBlock(Posterior posterior, int samples, long seed) {
        this.posterior = posterior;
        this.samples = samples;
        this.seed = seed;
    }

    /**
     * The posterior this block runs, which {@link PosteriorTranslator} reads its scaling and names from.
     *
     * @return the wrapped posterior
     */
    public Posterior posterior() {
        return posterior;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDManager out = x.getManager();
        int batch = Math.toIntExact(x.getShape().get(0));
        ShapedExamples examples = new ShapedExamples(x.toType(DataType.FLOAT32, false).toFloatArray(), new float[batch],
                x.getShape().slice(1));
        Seeds.seedEngine(seed);
        double[][][] sampled = posterior.outputs().sampled(examples, samples, seed);   // [S][B][out]
        int width = sampled[0][0].length;
        float[] flat = new float[batch * samples * width];
        for (int i = 0; i < batch; i++) {
            for (int s = 0; s < samples; s++) {
                for (int o = 0; o < width; o++) {
                    flat[(i * samples + s) * width + o] = (float) sampled[s][i][o];
                }
            }
        }
        NDList result = new NDList(out.create(flat, new Shape(batch, samples, width)));
        Optional<GaussianOutputs> own = posterior.outputs().own(examples);
        own.ifPresent(g -> {
            result.add(out.create(g.mean()).toType(DataType.FLOAT64, false));
            result.add(out.create(g.variance()).toType(DataType.FLOAT64, false));
            double[] epistemic = new double[batch];
            java.util.Arrays.fill(epistemic, g.hasEpistemicPart() ? 1 : 0);
            result.add(out.create(epistemic));
        });
        return result;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        int outputs = posterior.model().likelihood().outputSize();
        return new Shape[] {new Shape(batch, samples, outputs)};
    }

    @Override
    public String toString() {
        return "PosteriorBlock(" + posterior.methodName() + ", " + posterior.spec() + ", S=" + samples + ")";
    }
}
