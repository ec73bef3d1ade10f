package io.risbnn.method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.risbnn.estimator.RisConfig;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.Models;
import io.risbnn.nn.VariationalBlock;
import io.risbnn.objective.GaussianLikelihood;
import io.risbnn.objective.KlSchedule;
import io.risbnn.objective.Objective;
import io.risbnn.train.DenseExamples;
import io.risbnn.train.LrSchedule;
import io.risbnn.train.Seeds;
import io.risbnn.train.TrainConfig;
import io.risbnn.train.BnnTrainer;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * MAP of a linear-Gaussian model is ridge regression: with prior N(0, σ_p²) on every weight and bias
 * and noise σ, the minimiser of mean NLL + (1/N)·Σ μ²/(2σ_p²) is (AᵀA + σ²/σ_p² I)⁻¹ Aᵀy, A = [X 1].
 */
class MaximumAPosterioriTest {
    private static final int N = 40;
    private static final double PRIOR_STD = 0.3;

    @Test
    void theEmpiricalBayesPriorIsRefusedByMapAndTheMethodsBuiltOnIt() {
        TrainConfig config = new TrainConfig(MaximumAPosteriori.NAME, RisConfig.defaults(), Objective.ELBO, 1, 10, N,
                "adam", 0.9, LrSchedule.parse("cosine", 0.02, 1, 1), KlSchedule.standard(), "empirical-bayes", 0, false);
        for (String name : new String[] {"map", "swag", "laplace", "ensemble", "mc-dropout"}) {
            io.risbnn.RisbnnException e = org.junit.jupiter.api.Assertions.assertThrows(io.risbnn.RisbnnException.class,
                    () -> Methods.of(name).checkConfig(config, N));
            assertTrue(e.getMessage().startsWith("--prior empirical-bayes:"), name + ": " + e.getMessage());
        }
        Methods.of("vi").checkConfig(config, N);   // variational inference takes it
    }

    @Test
    void mapOfALinearGaussianModelIsRidgeRegression() {
        SplittableRandom random = new SplittableRandom(3);
        double[][] x = new double[N][2];
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            x[i][0] = random.nextDouble(-1.5, 1.5);
            x[i][1] = random.nextDouble(-1.5, 1.5);
            y[i] = 0.8 * x[i][0] - 0.5 * x[i][1] + 0.3 + 0.4 * random.nextGaussian();
        }
        TrainConfig config = new TrainConfig(MaximumAPosteriori.NAME, RisConfig.defaults(), Objective.ELBO, 1, 3000, N,
                "adam", 0.9, LrSchedule.parse("cosine", 0.02, 1, 1), KlSchedule.standard(), "gaussian:" + PRIOR_STD, 0, false);
        Seeds.seedEngine(0);
        try (NDManager root = NDManager.newBaseManager();
             BayesianModel model = Models.build(ModelSpec.regressionMlp(2, new int[0], 0.01, null), root)) {
            new BnnTrainer(model, config).fit(new DenseExamples(x, y), null, null);
            VariationalBlock layer = model.variationalLayers().get(0);
            float[] w = layer.weight().mu().toFloatArray();
            float b = layer.bias().mu().toFloatArray()[0];
            double sigma = ((GaussianLikelihood) model.likelihood()).noiseStd();

            double[] ridge = solve(x, y, sigma * sigma / (PRIOR_STD * PRIOR_STD));
            double[] ols = solve(x, y, 0);
            double gap = Math.abs(ridge[0] - ols[0]) + Math.abs(ridge[1] - ols[1]) + Math.abs(ridge[2] - ols[2]);
            assertTrue(gap > 0.05, "the prior must matter in this case: ridge and least squares differ by " + gap);
            assertEquals(ridge[0], w[0], gap / 10, "weight 0");
            assertEquals(ridge[1], w[1], gap / 10, "weight 1");
            assertEquals(ridge[2], b, gap / 10, "bias");
            // the weights' s stayed collapsed: a point mass, not trained
            float[] s = layer.weight().sigma().toFloatArray();
            assertTrue(s[0] < 1e-12 && s[1] < 1e-12, "s = " + s[0]);
        }
    }

    /** (AᵀA + λI)⁻¹ Aᵀy with A = [x, 1]: weights then bias. */
    private static double[] solve(double[][] x, double[] y, double lambda) {
        double[][] a = new double[x.length][3];
        for (int i = 0; i < x.length; i++) {
            a[i] = new double[] {x[i][0], x[i][1], 1};
        }
        RealMatrix design = new Array2DRowRealMatrix(a);
        RealMatrix normal = design.transpose().multiply(design);
        for (int k = 0; k < 3; k++) {
            normal.addToEntry(k, k, lambda);
        }
        return new LUDecomposition(normal).getSolver().solve(design.transpose().operate(new ArrayRealVector(y))).toArray();
    }
}
