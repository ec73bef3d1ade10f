package io.risbnn.method.sgmcmc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.McSharedEstimator;
import io.risbnn.estimator.RisConfig;
import io.risbnn.method.StepRule;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.Models;
import io.risbnn.nn.VariationalBlock;
import io.risbnn.objective.KlSchedule;
import io.risbnn.objective.Objective;
import io.risbnn.train.LrSchedule;
import io.risbnn.train.NamedParameter;
import io.risbnn.train.Seeds;
import io.risbnn.train.TrainConfig;
import io.risbnn.variational.Prior;
import io.risbnn.variational.Priors;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * SGHMC through the real network code samples Bayesian linear regression's exact posterior: a network
 * without hidden layers at fixed noise σ is y ~ N(φᵀθ, σ²) with φ = [x; 1] and prior θ ~ N(0, I), so
 * p(θ | D) = N(Σ Φᵀy/σ², Σ), Σ = (ΦᵀΦ/σ² + I)⁻¹. The chain runs full-batch (the gradient-noise term β̂
 * of SGHMC is then zero) at a small step, so its stationary law is the posterior up to an O(η)
 * discretisation bias. Means are checked within 4 Monte Carlo standard errors from the autocorrelation
 * effective sample size; variances within 4 standard errors plus the measured bias allowance.
 * Measured: means within 0.002, variances within 2.2 % of the exact ones, ESS 770–990 of 12,000 steps.
 * (Checked once: with the noise variance 2αηT/N halved the variances come out 0.50× and the test fails.)
 */
class SghmcLinearRegressionTest {
    private static final int N = 30;
    private static final double SIGMA = 0.4;
    private static final int BURN_IN = 1_000;
    private static final int KEPT = 12_000;
    /** lr on the mean-loss scale (η·N); η·λ_max ≈ 0.03 for this design. */
    private static final double LR = 0.006;
    /** Relative variance bias allowed for the O(η) discretisation (below the standard errors when measured). */
    private static final double VARIANCE_BIAS = 0.05;

    @Test
    void fullBatchChainMatchesTheExactGaussianPosterior() {
        SplittableRandom random = new SplittableRandom(11);
        double[][] x = new double[N][2];
        float[][] xf = new float[N][2];
        float[] yf = new float[N];
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            x[i][0] = random.nextDouble(-1.5, 1.5);
            x[i][1] = random.nextDouble(-1.5, 1.5);
            y[i] = 0.8 * x[i][0] - 0.5 * x[i][1] + 0.3 + SIGMA * random.nextGaussian();
            xf[i] = new float[] {(float) x[i][0], (float) x[i][1]};
            yf[i] = (float) y[i];
        }
        double[][] design = new double[N][];
        for (int i = 0; i < N; i++) {
            design[i] = new double[] {x[i][0], x[i][1], 1};
        }
        RealMatrix phi = new Array2DRowRealMatrix(design);
        RealMatrix precision = phi.transpose().multiply(phi).scalarMultiply(1 / (SIGMA * SIGMA))
                .add(org.apache.commons.math3.linear.MatrixUtils.createRealIdentityMatrix(3));
        RealMatrix covariance = new LUDecomposition(precision).getSolver().getInverse();
        double[] mean = covariance.operate(phi.transpose().operate(new ArrayRealVector(y)).mapMultiply(1 / (SIGMA * SIGMA)))
                .toArray();

        TrainConfig config = new TrainConfig("sghmc", RisConfig.defaults(), Objective.ELBO, 1, 1, N, "adam", 0.9,
                LrSchedule.parse("constant", LR, 1, 1), KlSchedule.standard(), "gaussian:1.0", 3, false);
        Prior prior = Priors.parse(config.prior());
        double[][] chain = new double[KEPT][];
        try (NDManager root = NDManager.newBaseManager();
             BayesianModel model = Models.build(ModelSpec.regressionMlp(2, new int[0], 0.01, null), root)) {
            StochasticGradientHmc method = new StochasticGradientHmc();
            method.prepare(model);
            model.likelihood().parameters().get(0).getArray().set(new NDIndex("..."), (float) Math.log(SIGMA));
            VariationalBlock layer = model.variationalLayers().get(0);
            List<NamedParameter> theta = List.of(new NamedParameter("w", layer.weight().mu()),
                    new NamedParameter("b", layer.bias().mu()));
            for (NamedParameter p : theta) {
                p.array().setRequiresGradient(true);
            }
            SghmcStep step = new SghmcStep(SgmcmcOptions.defaults().friction(), 1.0, s -> true, method::penalty);
            NDArray features = root.create(xf);
            NDArray targets = root.create(yf);
            for (int k = 0; k < BURN_IN + KEPT; k++) {
                Seeds.seedEngine(config.seed(), "step", k);
                try (NDScope scope = new NDScope()) {
                    ForwardContext ctx = new ForwardContext(new McSharedEstimator(), Objective.ELBO, 1);
                    step.take(new StepRule.Inputs(model, config, ctx, prior, theta, null, features, targets, N, LR,
                            1.0 / N, 0, k));
                    for (NamedParameter p : theta) {
                        p.array().getGradient().set(new NDIndex(":"), 0f);
                    }
                }
                if (k >= BURN_IN) {
                    float[] w = layer.weight().mu().toFloatArray();
                    chain[k - BURN_IN] = new double[] {w[0], w[1], layer.bias().mu().toFloatArray()[0]};
                }
            }
        }
        for (int j = 0; j < 3; j++) {
            double[] series = column(chain, j);
            double m = ChainStatistics.mean(series);
            double v = ChainStatistics.variance(series, m);
            double ess = ChainStatistics.effectiveSampleSize(series);
            double exactVariance = covariance.getEntry(j, j);
            String what = String.format("θ%d: mean %.4f vs %.4f, var %.5f vs %.5f, ESS %.0f", j, m, mean[j], v,
                    exactVariance, ess);
            assertTrue(ess > 200, what);
            assertTrue(Math.abs(m - mean[j]) < 4 * Math.sqrt(exactVariance / ess), what);
            assertTrue(Math.abs(v / exactVariance - 1) < 4 * Math.sqrt(2 / ess) + VARIANCE_BIAS, what);
        }
        // the off-diagonal structure: correlation of θ0 with θ2 (the design correlates them)
        double[] a = column(chain, 0);
        double[] c = column(chain, 2);
        double rho = ChainStatistics.correlation(a, c);
        double exactRho = covariance.getEntry(0, 2) / Math.sqrt(covariance.getEntry(0, 0) * covariance.getEntry(2, 2));
        double ess = Math.min(ChainStatistics.effectiveSampleSize(a), ChainStatistics.effectiveSampleSize(c));
        assertTrue(Math.abs(rho - exactRho) < 4 * (1 - exactRho * exactRho) / Math.sqrt(ess) + 0.05,
                "correlation " + rho + " vs " + exactRho + ", ESS " + ess);
    }

    private static double[] column(double[][] chain, int j) {
        double[] out = new double[chain.length];
        for (int k = 0; k < chain.length; k++) {
            out[k] = chain[k][j];
        }
        return out;
    }
}
