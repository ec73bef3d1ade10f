package io.risbnn.api.serving;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.risbnn.api.Posterior;
import io.risbnn.api.PredictiveDistribution;
import io.risbnn.api.Scaling;
import io.risbnn.posterior.GaussianOutputs;
import java.util.Optional;

/**
 * The posterior predictive of one input, for DJL's {@code Predictor}: the input is one example's values in the
 * training data's units (row-major over the example shape); the output its {@link PredictiveDistribution}
 * (one row), from the sampled networks and the method's own predictive. Batches through
 * {@code batchPredict} are stacked into one forward pass of the {@link PosteriorBlock}.
 */
public final class PosteriorTranslator implements Translator<float[], PredictiveDistribution> {
    private final double interval;
    private Posterior posterior;

    /**
     * A translator reporting regression intervals at this level; {@link PosteriorTranslatorFactory} builds it
     * from the {@code interval} argument.
     *
     * @param interval the central interval's level, in (0, 1) (checked by the factory)
     */
    public PosteriorTranslator(double interval) {
        this.interval = interval;
    }

    @Override
    public void prepare(TranslatorContext ctx) {
        if (!(ctx.getModel().getBlock() instanceof PosteriorBlock block)) {
            throw new IllegalStateException("the model's block is not a risbnn PosteriorBlock; load the directory with "
                    + "blockFactory=" + PosteriorBlockFactory.class.getName() + " (its serving.properties names it)");
        }
        posterior = block.posterior();
    }

    @Override
    public NDList processInput(TranslatorContext ctx, float[] input) {
        Scaling scaling = posterior.scaling();
        double[] means = scaling.featureMeans();
        if (input.length != means.length) {
            throw new IllegalArgumentException("input has " + input.length + " values, the model takes " + means.length
                    + " (an example of shape " + scaling.shape() + ")");
        }
        float[] standardised = new float[input.length];
        for (int j = 0; j < input.length; j++) {
            standardised[j] = (float) ((input[j] - means[j]) / scaling.featureStds()[j]);
        }
        return new NDList(ctx.getNDManager().create(standardised, scaling.shape()));
    }

    @Override
    public PredictiveDistribution processOutput(TranslatorContext ctx, NDList list) {
        NDArray sampled = list.get(0);   // [S, out] for this input
        int samples = Math.toIntExact(sampled.getShape().get(0));
        int width = Math.toIntExact(sampled.getShape().get(1));
        double[] flat = sampled.toType(DataType.FLOAT64, false).toDoubleArray();
        double[][][] outputs = new double[samples][1][width];
        for (int s = 0; s < samples; s++) {
            System.arraycopy(flat, s * width, outputs[s][0], 0, width);
        }
        Optional<GaussianOutputs> own = Optional.empty();
        if (list.size() == 4) {
            double[] mean = list.get(1).toDoubleArray();
            double[] variance = list.get(2).toDoubleArray();
            boolean epistemic = list.get(3).toDoubleArray()[0] > 0;
            own = Optional.of(new GaussianOutputs(posterior.outputs().ownPredictive(), new double[][] {mean},
                    new double[][] {variance}, epistemic));
        }
        if (posterior.isClassification()) {
            return PredictiveDistribution.classification(outputs, own, posterior.classNames());
        }
        return PredictiveDistribution.regression(outputs, own, posterior.outputs().noise(), posterior.scaling().targets(),
                interval);
    }
}
