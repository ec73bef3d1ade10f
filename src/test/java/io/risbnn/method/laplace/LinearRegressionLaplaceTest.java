package io.risbnn.method.laplace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.risbnn.method.PointWeights;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.Models;
import io.risbnn.posterior.GaussianOutputs;
import io.risbnn.train.DenseExamples;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

/**
 * A network without hidden layers is Bayesian linear regression in φ = [x; 1]: the GLM posterior is
 * exact, Σ = (ΦᵀΦ/σ² + δI)⁻¹, the predictive N(φᵀθ*, φᵀΣφ + σ²), and the Laplace evidence at the MAP
 * of δ is the closed-form evidence log N(y | 0, σ²I + ΦΦᵀ/δ).
 */
class LinearRegressionLaplaceTest {
    private static final int N = 30;
    private static final double SIGMA = 0.4;
    private static final double[][] X = new double[N][2];
    private static final double[] Y = new double[N];
    private static final double[][] TEST = {{0.3, -1.2}, {2.0, 0.5}, {-1.0, -1.0}};

    static {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < N; i++) {
            X[i][0] = random.nextDouble(-1.5, 1.5);
            X[i][1] = random.nextDouble(-1.5, 1.5);
            Y[i] = 0.8 * X[i][0] - 0.5 * X[i][1] + 0.3 + SIGMA * random.nextGaussian();
        }
    }

    private static RealMatrix design(double[][] x) {
        double[][] a = new double[x.length][3];
        for (int i = 0; i < x.length; i++) {
            a[i] = new double[] {x[i][0], x[i][1], 1};
        }
        return new Array2DRowRealMatrix(a);
    }

    private static RealMatrix precision(double delta) {
        RealMatrix phi = design(X);
        RealMatrix h = phi.transpose().multiply(phi).scalarMultiply(1 / (SIGMA * SIGMA));
        return h.add(MatrixUtils.createRealIdentityMatrix(3).scalarMultiply(delta));
    }

    /** θ*(δ) = (ΦᵀΦ/σ² + δI)⁻¹ Φᵀy/σ². */
    private static double[] mapAt(double delta) {
        RealVector rhs = design(X).transpose().operate(new ArrayRealVector(Y)).mapMultiply(1 / (SIGMA * SIGMA));
        return new LUDecomposition(precision(delta)).getSolver().solve(rhs).toArray();
    }

    /** log N(y | 0, σ²I + ΦΦᵀ/δ). */
    private static double exactEvidence(double delta) {
        RealMatrix phi = design(X);
        RealMatrix c = phi.multiply(phi.transpose()).scalarMultiply(1 / delta)
                .add(MatrixUtils.createRealIdentityMatrix(N).scalarMultiply(SIGMA * SIGMA));
        CholeskyDecomposition chol = new CholeskyDecomposition(c);
        RealVector y = new ArrayRealVector(Y);
        double quad = y.dotProduct(chol.getSolver().solve(y));
        return -0.5 * quad - 0.5 * Math.log(chol.getDeterminant()) - 0.5 * N * Math.log(2 * Math.PI);
    }

    private static double logLikelihood(double[] theta) {
        double s = 0;
        for (int i = 0; i < N; i++) {
            double r = (Y[i] - theta[0] * X[i][0] - theta[1] * X[i][1] - theta[2]) / SIGMA;
            s += -0.5 * r * r - Math.log(SIGMA) - 0.5 * Math.log(2 * Math.PI);
        }
        return s;
    }

    private static double[] gramEigenvalues() {
        return new org.apache.commons.math3.linear.EigenDecomposition(precision(0)).getRealEigenvalues();
    }

    private static double squaredNorm(double[] t) {
        return t[0] * t[0] + t[1] * t[1] + t[2] * t[2];
    }

    @Test
    void glmCovarianceAndPredictiveVarianceAreTheClosedFormForEveryExactStructure() {
        double delta = 2.5;
        double[] theta = {0.7, -0.4, 0.2};          // any weights: the Gauss–Newton does not depend on them here
        RealMatrix sigma = new LUDecomposition(precision(delta)).getSolver().getInverse();
        RealMatrix phiTest = design(TEST);
        for (String structure : new String[] {"last-layer", "kfac"}) {     // K-FAC is exact with one output and one layer
            try (NDManager root = NDManager.newBaseManager();
                 BayesianModel model = Models.build(ModelSpec.regressionMlp(2, new int[0], 0.01, null), root)) {
                Laplace laplace = new Laplace();
                laplace.prepare(model);
                PointWeights.of(model).assign(theta, model.manager());
                LaplaceFixtures.setNoise(model, SIGMA);
                laplace.finish(model, LaplaceFixtures.config(structure, String.valueOf(delta)), new DenseExamples(X, Y));
                LaplacePosterior posterior = (LaplacePosterior) laplace.posterior(model,
                        LaplaceFixtures.config(structure, String.valueOf(delta)), () -> null);
                GaussianOutputs glm = posterior.predictives(new DenseExamples(TEST, new double[TEST.length])).get(0);
                assertEquals(LaplacePosterior.GLM, glm.name());
                for (int i = 0; i < TEST.length; i++) {
                    RealVector phi = phiTest.getRowVector(i);
                    double expected = phi.dotProduct(sigma.operate(phi));
                    assertEquals(expected, glm.variance()[i][0], 1e-5 * expected, structure + " φᵀΣφ at test point " + i);
                    assertEquals(phi.dotProduct(new ArrayRealVector(theta)), glm.mean()[i][0], 1e-5, "mean f(x, θ*)");
                    double total = glm.variance()[i][0] + posterior.noise().variance(glm.mean()[i]);
                    assertEquals(expected + SIGMA * SIGMA, total, 1e-5, "predictive variance φᵀΣφ + σ²");
                }
            }
        }
    }

    @Test
    void sampledNetworksHaveThePosteriorCovarianceAndAreReproducible() {
        double delta = 2.5;
        double[] theta = {0.7, -0.4, 0.2};
        RealMatrix sigma = new LUDecomposition(precision(delta)).getSolver().getInverse();
        try (NDManager root = NDManager.newBaseManager();
             BayesianModel model = Models.build(ModelSpec.regressionMlp(2, new int[0], 0.01, null), root)) {
            Laplace laplace = new Laplace();
            laplace.prepare(model);
            PointWeights.of(model).assign(theta, model.manager());
            LaplaceFixtures.setNoise(model, SIGMA);
            laplace.finish(model, LaplaceFixtures.config("last-layer", String.valueOf(delta)), new DenseExamples(X, Y));
            LaplacePosterior posterior = (LaplacePosterior) laplace.posterior(model,
                    LaplaceFixtures.config("last-layer", String.valueOf(delta)), () -> null);
            DenseExamples test = new DenseExamples(TEST, new double[TEST.length]);
            int s = 4000;
            double[][][] out = posterior.sampled(test, s, 5);
            for (int i = 0; i < TEST.length; i++) {
                RealVector phi = design(TEST).getRowVector(i);
                double mean = 0;
                double sq = 0;
                for (int k = 0; k < s; k++) {
                    mean += out[k][i][0] / s;
                }
                for (int k = 0; k < s; k++) {
                    sq += Math.pow(out[k][i][0] - mean, 2) / (s - 1);
                }
                double expected = phi.dotProduct(sigma.operate(phi));
                assertEquals(phi.dotProduct(new ArrayRealVector(theta)), mean, 4 * Math.sqrt(expected / s), "sample mean");
                assertEquals(expected, sq, 4 * expected * Math.sqrt(2.0 / s), "sample variance at " + i);
            }
            double[][][] again = posterior.sampled(new DenseExamples(new double[][] {TEST[2]}, new double[1]), 3, 5);
            for (int k = 0; k < 3; k++) {
                assertEquals(out[k][2][0], again[k][0][0], 1e-6, "same seed, same networks whatever the inputs");
            }
            assertEquals(0.7, PointWeights.of(model).toDoubleArray()[0], 1e-7, "θ* restored after sampling");
        }
    }

    @Test
    void laplaceEvidenceAtTheMapIsTheExactEvidenceAndMacKayIterationFindsItsMaximiser() {
        for (double delta : new double[] {0.1, 1, 10}) {
            double[] t = mapAt(delta);
            LaplaceEvidence e = new LaplaceEvidence(logLikelihood(t), squaredNorm(t), gramEigenvalues());
            assertEquals(exactEvidence(delta), e.logMarginal(delta), 1e-8, "evidence at δ = " + delta);
        }
        // the exact evidence's maximiser by a golden-section search in log δ
        double lo = Math.log(1e-4);
        double hi = Math.log(1e4);
        double g = (Math.sqrt(5) - 1) / 2;
        for (int i = 0; i < 200; i++) {
            double a = hi - g * (hi - lo);
            double b = lo + g * (hi - lo);
            if (exactEvidence(Math.exp(a)) > exactEvidence(Math.exp(b))) {
                hi = b;
            } else {
                lo = a;
            }
        }
        double best = Math.exp(0.5 * (lo + hi));
        // the search at fixed θ*, iterated with the MAP refitted (MacKay's fixed point)
        double delta = 1;
        for (int i = 0; i < 200; i++) {
            double[] t = mapAt(delta);
            delta = new LaplaceEvidence(logLikelihood(t), squaredNorm(t), gramEigenvalues()).maximiser();
        }
        assertEquals(best, delta, 1e-6 * best, "fixed point of the evidence search vs exact maximiser");
        // and Laplace.finish with marglik, at the network whose weights are the MAP of that δ, returns it
        try (NDManager root = NDManager.newBaseManager();
             BayesianModel model = Models.build(ModelSpec.regressionMlp(2, new int[0], 0.01, null), root)) {
            Laplace laplace = new Laplace();
            laplace.prepare(model);
            PointWeights.of(model).assign(mapAt(best), model.manager());
            LaplaceFixtures.setNoise(model, SIGMA);
            laplace.finish(model, LaplaceFixtures.config("last-layer", "marglik"), new DenseExamples(X, Y));
            assertTrue(best > 0.05 && best < 50, "a non-trivial maximiser " + best);
            assertEquals(best, laplace.priorPrecision(), 1e-3 * best, "δ of marglik");
        }
    }

    @Test
    void gridChoosesTheDeltaWithTheLowestExactValidationNll() {
        // four training rows, the MAP of δ = 1 on them, and the other 26 rows held out: δ moves the
        // predictive variance of the held-out rows, and the exact argmin is the answer
        double[][] x = java.util.Arrays.copyOf(X, 4);
        double[] y = java.util.Arrays.copyOf(Y, 4);
        double[][] vx = java.util.Arrays.copyOfRange(X, 4, N);
        double[] vy = java.util.Arrays.copyOfRange(Y, 4, N);
        double[] theta = mapOn(x, y, 1.0);
        try (NDManager root = NDManager.newBaseManager();
             BayesianModel model = Models.build(ModelSpec.regressionMlp(2, new int[0], 0.01, null), root)) {
            Laplace laplace = new Laplace();
            laplace.prepare(model);
            PointWeights.of(model).assign(theta, model.manager());
            LaplaceFixtures.setNoise(model, SIGMA);
            var config = LaplaceFixtures.config("last-layer", "grid");
            io.risbnn.RisbnnException refused = org.junit.jupiter.api.Assertions.assertThrows(io.risbnn.RisbnnException.class,
                    () -> laplace.checkRun(config, new DenseExamples(x, y), null));
            assertTrue(refused.getMessage().contains("--validation"), refused.getMessage());
            laplace.finish(model, config, new DenseExamples(x, y), new DenseExamples(vx, vy));
            double best = Double.NaN;
            double bestNll = Double.POSITIVE_INFINITY;
            // the exact predictive uses the curvature of these 6 rows only
            for (double delta : PriorPrecisionGrid.grid()) {
                double nll = exactValidationNllOn(x, delta, theta, vx, vy);
                if (nll < bestNll) {
                    bestNll = nll;
                    best = delta;
                }
            }
            double[] grid = PriorPrecisionGrid.grid();
            double spread = Math.abs(exactValidationNllOn(x, grid[0], theta, vx, vy)
                    - exactValidationNllOn(x, grid[grid.length - 1], theta, vx, vy));
            assertTrue(spread > 0.05, "δ must matter in this case: NLL spread " + spread);
            assertEquals(best, laplace.priorPrecision(), 1e-9 * best);
            // and the score of every grid point is the exact held-out NLL (in the standardised units the run uses)
            DenseExamples held = new DenseExamples(vx, vy);
            for (int g = 0; g < grid.length; g += 8) {
                Laplace fixed = new Laplace();
                var at = LaplaceFixtures.config("last-layer", String.valueOf(grid[g]));
                fixed.finish(model, at, new DenseExamples(x, y));
                LaplacePosterior posterior = (LaplacePosterior) fixed.posterior(model, at, () -> null);
                assertEquals(exactValidationNllOn(x, grid[g], theta, vx, vy),
                        PriorPrecisionGrid.nll(model, posterior, held, vy, false), 1e-5, "δ = " + grid[g]);
            }
        }
    }

    /** θ*(δ) of Bayesian linear regression on rows (x, y). */
    private static double[] mapOn(double[][] x, double[] y, double delta) {
        RealMatrix phi = design(x);
        RealMatrix p = phi.transpose().multiply(phi).scalarMultiply(1 / (SIGMA * SIGMA))
                .add(MatrixUtils.createRealIdentityMatrix(3).scalarMultiply(delta));
        RealVector rhs = phi.transpose().operate(new ArrayRealVector(y)).mapMultiply(1 / (SIGMA * SIGMA));
        return new LUDecomposition(p).getSolver().solve(rhs).toArray();
    }

    /** Mean NLL of held-out rows (vx, vy) under N(φᵀθ, φᵀΣφ + σ²), Σ from the curvature of training rows {@code x}. */
    private static double exactValidationNllOn(double[][] x, double delta, double[] theta, double[][] vx, double[] vy) {
        RealMatrix phi = design(x);
        RealMatrix p = phi.transpose().multiply(phi).scalarMultiply(1 / (SIGMA * SIGMA))
                .add(MatrixUtils.createRealIdentityMatrix(3).scalarMultiply(delta));
        RealMatrix sigma = new LUDecomposition(p).getSolver().getInverse();
        RealMatrix v = design(vx);
        double sum = 0;
        for (int i = 0; i < vx.length; i++) {
            RealVector f = v.getRowVector(i);
            double var = f.dotProduct(sigma.operate(f)) + SIGMA * SIGMA;
            double r = vy[i] - f.dotProduct(new ArrayRealVector(theta));
            sum += 0.5 * Math.log(2 * Math.PI * var) + r * r / (2 * var);
        }
        return sum / vx.length;
    }
}
