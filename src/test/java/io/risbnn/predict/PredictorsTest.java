package io.risbnn.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.risbnn.data.TargetStandardizer;
import io.risbnn.eval.metrics.ClassificationMetrics;
import io.risbnn.posterior.GaussianOutputs;
import io.risbnn.posterior.NoiseModel;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.train.DenseExamples;
import io.risbnn.train.ExampleSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The predictives' arithmetic on posteriors whose outputs are given, independently of any network. */
class PredictorsTest {
    /** A posterior that returns fixed outputs, whatever the inputs. */
    private record FixedPosterior(double[][][] sampled, GaussianOutputs own) implements PosteriorOutputs {
        @Override
        public double[][][] sampled(ExampleSet inputs, int samples, long seed) {
            return sampled;
        }

        @Override
        public List<GaussianOutputs> predictives(ExampleSet inputs) {
            return own == null ? List.of() : List.of(own);
        }

        @Override
        public String ownPredictive() {
            return own == null ? SAMPLED : own.name();
        }

        @Override
        public NoiseModel noise() {
            return null;   // the predictors under test are given their noise model
        }
    }

    private static final ExampleSet ONE_ROW = new DenseExamples(new double[][] {{0}}, new double[] {0});

    @Test
    void sampledRegressionSplitsVarianceIntoSpreadAndNoiseInOriginalUnits() {
        // two networks predict 1 and 3 (standardised); targets were scaled by std 10 around 100
        double[][][] outputs = {{{1}}, {{3}}};
        TargetStandardizer scale = TargetStandardizer.of(100, 10);
        RegressionPredictor predictor = new RegressionPredictor(new FixedPosterior(outputs, null),
                NoiseModel.homoscedastic(0.5), scale);
        RegressionPredictive p = predictor.predict(ONE_ROW, 2, 0, 0.9).get(0);
        assertEquals("sampled", p.name());
        assertEquals(120.0, p.mean()[0], 1e-9);                  // 100 + 10 · mean(1, 3)
        assertEquals(10.0, p.epistemicStd()[0], 1e-9);           // 10 · population std of {1, 3}
        assertEquals(5.0, p.aleatoricStd()[0], 1e-9);            // 10 · 0.5
        assertEquals(Math.sqrt(125), p.std()[0], 1e-9);
        double[] mus = {110, 130};
        double[] sigmas = {5, 5};
        assertEquals(0.05, MixtureQuantile.cdf(mus, sigmas, p.lower()[0]), 1e-9);
        assertEquals(0.95, MixtureQuantile.cdf(mus, sigmas, p.upper()[0]), 1e-9);
    }

    @Test
    void ownGaussianPredictiveAddsPropagatedVarianceToExpectedNoise() {
        // heteroscedastic: outputs (mean, log σ²) with Gaussian moments; E σ² = e^{m + v/2}
        double[][][] outputs = {{{0, 0}}};
        GaussianOutputs own = new GaussianOutputs("meanvar", new double[][] {{2, Math.log(0.25)}},
                new double[][] {{0.09, 0.2}}, true);
        RegressionPredictor predictor = new RegressionPredictor(new FixedPosterior(outputs, own), NoiseModel.perExample(),
                TargetStandardizer.of(0, 2));
        List<RegressionPredictive> all = predictor.predict(ONE_ROW, 1, 0, 0.95);
        assertEquals(2, all.size());
        RegressionPredictive p = all.get(1);
        assertEquals("meanvar", p.name());
        assertEquals(4.0, p.mean()[0], 1e-12);
        assertEquals(2 * 0.3, p.epistemicStd()[0], 1e-12);
        double noiseVar = 0.25 * Math.exp(0.1) * 4;
        assertEquals(Math.sqrt(noiseVar), p.aleatoricStd()[0], 1e-12);
        assertEquals(4 + 1.959963984540054 * Math.sqrt(0.36 + noiseVar), p.upper()[0], 1e-9);
        // the sampled network's own noise: e^{0} · 2²
        assertEquals(2.0, all.get(0).aleatoricStd()[0], 1e-12);
    }

    @Test
    void firstMomentPredictiveHasNoEpistemicPart() {
        GaussianOutputs moment = new GaussianOutputs("moment", new double[][] {{1}}, new double[][] {{0}}, false);
        RegressionPredictor predictor = new RegressionPredictor(new FixedPosterior(new double[][][] {{{1}}}, moment),
                NoiseModel.homoscedastic(1), TargetStandardizer.of(0, 1));
        RegressionPredictive p = predictor.predict(ONE_ROW, 1, 0, 0.95).get(1);
        assertTrue(Double.isNaN(p.epistemicStd()[0]));
        assertEquals(1.0, p.std()[0], 1e-12);
    }

    @Test
    void classificationMutualInformationIsEntropyOfMeanMinusMeanEntropy() {
        // two confident networks that disagree: high entropy, all of it epistemic
        double big = 20;
        double[][][] logits = {{{big, 0}}, {{0, big}}};
        ClassificationPredictor predictor = new ClassificationPredictor(new FixedPosterior(logits, null), List.of("cat", "dog"));
        ClassificationPredictive p = predictor.predict(ONE_ROW, 2, 0).get(0);
        assertEquals(0.5, p.probabilities()[0][0], 1e-6);
        assertEquals(Math.log(2), p.entropy()[0], 1e-6);
        assertEquals(Math.log(2), p.mutualInformation()[0], 1e-6);
        // two networks that agree on 50/50: the same entropy, none of it epistemic
        double[][][] unsure = {{{0, 0}}, {{0, 0}}};
        ClassificationPredictive q = new ClassificationPredictor(new FixedPosterior(unsure, null), List.of("cat", "dog"))
                .predict(ONE_ROW, 2, 0).get(0);
        assertEquals(Math.log(2), q.entropy()[0], 1e-12);
        assertEquals(0.0, q.mutualInformation()[0], 1e-12);
        assertEquals(ClassificationMetrics.argMax(q.probabilities()[0]), q.predicted()[0]);
    }

    @Test
    void gaussianLogitsWithVarianceCarryMutualInformation() {
        GaussianOutputs own = new GaussianOutputs("meanvar", new double[][] {{0, 0}}, new double[][] {{25, 25}}, true);
        ClassificationPredictor predictor = new ClassificationPredictor(new FixedPosterior(new double[][][] {{{0, 0}}}, own),
                List.of("a", "b"));
        ClassificationPredictive p = predictor.predict(ONE_ROW, 1, 0).get(1);
        assertEquals(0.5, p.probabilities()[0][0], 0.05);
        assertTrue(p.mutualInformation()[0] > 0.3, "wide logits: most of the entropy is epistemic, got " + p.mutualInformation()[0]);
        GaussianOutputs point = new GaussianOutputs("moment", new double[][] {{0, 0}}, new double[][] {{0, 0}}, false);
        ClassificationPredictive m = new ClassificationPredictor(new FixedPosterior(new double[][][] {{{0, 0}}}, point),
                List.of("a", "b")).predict(ONE_ROW, 1, 0).get(1);
        assertTrue(Double.isNaN(m.mutualInformation()[0]));
    }

    @Test
    void tableKeepsIdsSuffixesOwnColumnsAndWritesNa() {
        RegressionPredictive sampled = new RegressionPredictive("sampled", 0.9, new double[] {1.5}, new double[] {2},
                new double[] {1}, new double[] {1.7320508}, new double[] {-1}, new double[] {4});
        RegressionPredictive moment = new RegressionPredictive("moment", 0.9, new double[] {1.25}, new double[] {1},
                new double[] {Double.NaN}, new double[] {1}, new double[] {0}, new double[] {3});
        PredictionTable table = new PredictionTable(List.of("id", "mean"), List.<String[]>of(new String[] {"a,1", "x"}))
                .addRegression(sampled).addRegression(moment);
        String csv = table.toCsv();
        String[] lines = csv.split("\n");
        assertEquals("id,mean_input,mean,std,epistemic_std,aleatoric_std,lower_90,upper_90,mean_moment,std_moment,"
                + "epistemic_std_moment,aleatoric_std_moment,lower_90_moment,upper_90_moment", lines[0]);
        assertEquals("\"a,1\",x,1.5,2,1,1.732051,-1,4,1.25,1,NA,1,0,3", lines[1]);
        var row = com.google.gson.JsonParser.parseString(table.toJson(new com.google.gson.JsonObject())).getAsJsonObject()
                .getAsJsonArray("rows").get(0).getAsJsonObject();
        assertEquals("a,1", row.get("id").getAsString());
        assertEquals(1.5, row.getAsJsonObject("sampled").get("mean").getAsDouble(), 0);
        var own = row.getAsJsonObject("moment");
        assertTrue(!own.has("epistemic_std") || own.get("epistemic_std").isJsonNull(), own.toString());
    }
}
