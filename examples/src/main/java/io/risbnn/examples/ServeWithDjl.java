package io.risbnn.examples;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import io.risbnn.api.BayesianNetworks;
import io.risbnn.api.Posterior;
import io.risbnn.api.PredictiveDistribution;
import io.risbnn.api.serving.PosteriorTranslatorFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * A posterior saved as a model directory and served by DJL: loaded through {@code Criteria}, predicted by a
 * {@code Predictor}, one input or a batch (S networks in one forward pass). Argument: the model directory.
 */
public final class ServeWithDjl {
    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("risbnn-serve");
        Random random = new Random(3);
        double[][] x = new double[150][2];
        double[] y = new double[150];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = random.nextDouble() * 4 - 2;
            x[i][1] = random.nextDouble() * 4 - 2;
            y[i] = 3 * x[i][0] - x[i][1] + 0.3 * random.nextGaussian();
        }
        try (Posterior posterior = BayesianNetworks.regression().hidden(16).data(x, y).epochs(60).fit()) {
            posterior.save(dir);   // posterior.risbnn + serving.properties
        }
        Criteria<float[], PredictiveDistribution> criteria = Criteria.builder()
                .setTypes(float[].class, PredictiveDistribution.class)
                .optModelPath(dir)
                .optTranslatorFactory(new PosteriorTranslatorFactory())
                .optArgument("samples", "100")
                .build();
        try (ZooModel<float[], PredictiveDistribution> model = criteria.loadModel();
             Predictor<float[], PredictiveDistribution> predictor = model.newPredictor()) {
            List<float[]> batch = List.of(new float[] {1, 0}, new float[] {0, 1}, new float[] {6, 6});
            List<PredictiveDistribution> out = predictor.batchPredict(batch);
            for (int i = 0; i < batch.size(); i++) {
                PredictiveDistribution p = out.get(i);
                System.out.printf(java.util.Locale.ROOT, "x=(%.0f, %.0f)  mean %.3f  std %.3f  epistemic %.3f  meanvar mean %.3f%n",
                        batch.get(i)[0], batch.get(i)[1], p.mean()[0], p.std()[0], p.epistemicStd()[0],
                        p.own().orElseThrow().mean()[0]);
            }
        }
    }
}
