package io.risbnn.nn;

import static io.risbnn.nn.NnTesting.conv;
import static io.risbnn.nn.NnTesting.dense;
import static io.risbnn.nn.NnTesting.doubles;
import static io.risbnn.nn.NnTesting.maxAbsDiff;
import static io.risbnn.nn.NnTesting.randomFloats;
import static io.risbnn.nn.NnTesting.relu;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.risbnn.estimator.ActivationFunction;
import io.risbnn.estimator.AnalyticEstimator;
import io.risbnn.estimator.Estimator;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.LrtEstimator;
import io.risbnn.estimator.McSharedEstimator;
import io.risbnn.estimator.RisConfig;
import io.risbnn.estimator.RisEstimator;
import io.risbnn.objective.Objective;
import io.risbnn.variational.PosteriorInit;
import io.risbnn.variational.Softplus;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The estimators driving BayesLinear/BayesConv2d: the zero-variance limit and first/second moments. */
class EstimatorsOnLayersTest {
    private static final int N = 6;
    private static final int K = 4;
    private static final int B = 5;

    private static List<Estimator> momentEstimators() {
        return List.of(new McSharedEstimator(), new LrtEstimator(), new AnalyticEstimator(), new RisEstimator(),
                new RisEstimator(RisConfig.defaults().withSpace(RisConfig.Space.WEIGHT)),
                new RisEstimator(RisConfig.defaults().withGradient(RisConfig.Gradient.PATHWISE)));
    }

    private static BayesLinear denseLayer(NDManager m, SplittableRandom r, PosteriorInit init, ActivationFunction f) {
        BayesLinear layer = new BayesLinear("d", N, K, true, f, init);
        layer.initialize(m, DataType.FLOAT32, new Shape(1, N));
        layer.bias().mu().set(randomFloats(r, K));
        return layer;
    }

    /** s = softplus(−30) ≈ 9e-14: every estimator returns relu(x·μᵀ + μ_b). */
    @Test
    void everyEstimatorReturnsTheMeanNetworkWhenSigmaVanishes() {
        SplittableRandom r = new SplittableRandom(21);
        int samples = 3;
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            BayesLinear layer = denseLayer(m, r, PosteriorInit.withRho0(-30), ActivationFunction.RELU);
            double[] mu = doubles(layer.weight().mu());
            double[] muB = doubles(layer.bias().mu());

            NDArray x = m.create(randomFloats(r, B * N), new Shape(B, N));
            double[] expected = relu(dense(doubles(x), mu, muB, B, N, K));
            for (Estimator e : momentEstimators()) {
                ForwardContext ctx = new ForwardContext(e, Objective.MOMENT, samples);
                NDArray y = ctx.estimator().forward(layer, x, ctx);
                assertEquals(new Shape(B, K), y.getShape(), e.name());
                double diff = maxAbsDiff(expected, doubles(y));
                assertTrue(diff < 1e-5, e.name() + " MOMENT differs from relu(xWᵀ+b) by " + diff);
            }

            NDArray xs = m.create(randomFloats(r, samples * B * N), new Shape(samples * B, N));
            double[] expectedElbo = relu(dense(doubles(xs), mu, muB, samples * B, N, K));
            for (Estimator e : List.of(new McSharedEstimator(), new LrtEstimator())) {
                ForwardContext ctx = new ForwardContext(e, Objective.ELBO, samples);
                NDArray y = ctx.estimator().forward(layer, xs, ctx);
                assertEquals(new Shape(samples * B, K), y.getShape(), e.name());
                double diff = maxAbsDiff(expectedElbo, doubles(y));
                assertTrue(diff < 1e-5, e.name() + " ELBO differs from relu(xWᵀ+b) by " + diff);
            }
        }
    }

    @Test
    void everyConvEstimatorReturnsTheMeanConvolutionWhenSigmaVanishes() {
        SplittableRandom r = new SplittableRandom(22);
        int samples = 2;
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(2);
            BayesConv2d layer = new BayesConv2d("c", 2, 3, 3, 2, 1, true, ActivationFunction.RELU, PosteriorInit.withRho0(-30));
            layer.initialize(m, DataType.FLOAT32, new Shape(1, 2, 7, 6));
            layer.bias().mu().set(randomFloats(r, 3));
            Shape in = new Shape(samples * 2, 2, 7, 6);
            NDArray x = m.create(randomFloats(r, (int) in.size()), in);
            double[] expected = relu(conv(doubles(x), in, doubles(layer.weight().mu()), layer.weight().shape(),
                    doubles(layer.bias().mu()), 2, 1));
            for (Estimator e : List.of(new McSharedEstimator(), new LrtEstimator(), new AnalyticEstimator(), new RisEstimator())) {
                ForwardContext ctx = new ForwardContext(e, Objective.MOMENT, samples);
                double diff = maxAbsDiff(expected, doubles(ctx.estimator().forward(layer, x, ctx)));
                assertTrue(diff < 1e-5, e.name() + " MOMENT conv differs by " + diff);
            }
            for (Estimator e : List.of(new McSharedEstimator(), new LrtEstimator())) {
                ForwardContext ctx = new ForwardContext(e, Objective.ELBO, samples);
                double diff = maxAbsDiff(expected, doubles(ctx.estimator().forward(layer, x, ctx)));
                assertTrue(diff < 1e-5, e.name() + " ELBO conv differs by " + diff);
            }
        }
    }

    /**
     * Under MOMENT, mc-shared, lrt and ris estimate E_q[relu(a)] without bias: the mean of R = 100 calls
     * (M = 256 each) lies within 4 standard errors of the analytic value for every (row, unit).
     */
    @Test
    void momentEstimatorsAreUnbiasedForTheAnalyticFirstMoment() {
        SplittableRandom r = new SplittableRandom(23);
        int samples = 256;
        int calls = 100;
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            // s = softplus(−1) = 0.31 against He-initialised means of std 0.58: α = m/sd of order 1
            BayesLinear layer = denseLayer(m, r, PosteriorInit.withRho0(-1), ActivationFunction.RELU);
            NDArray x = m.create(randomFloats(r, B * N), new Shape(B, N));
            ForwardContext analyticCtx = new ForwardContext(new AnalyticEstimator(), Objective.MOMENT, samples);
            double[] exact = doubles(analyticCtx.estimator().forward(layer, x, analyticCtx));
            for (Estimator e : List.of(new McSharedEstimator(), new LrtEstimator(), new RisEstimator())) {
                ForwardContext ctx = new ForwardContext(e, Objective.MOMENT, samples);
                double[] sum = new double[B * K];
                double[] sumSq = new double[B * K];
                for (int c = 0; c < calls; c++) {
                    try (NDScope scope = new NDScope()) {
                        double[] y = doubles(ctx.estimator().forward(layer, x, ctx));
                        for (int i = 0; i < y.length; i++) {
                            sum[i] += y[i];
                            sumSq[i] += y[i] * y[i];
                        }
                    }
                }
                double maxZ = 0;
                double maxSe = 0;
                for (int i = 0; i < exact.length; i++) {
                    double mean = sum[i] / calls;
                    double se = Math.sqrt(Math.max(0, sumSq[i] / calls - mean * mean) / (calls - 1));
                    if (se > 0) {          // se = 0: a unit that was never active (α ≪ 0), nothing to score
                        maxZ = Math.max(maxZ, Math.abs((mean - exact[i]) / se));
                    }
                    maxSe = Math.max(maxSe, se);
                    assertTrue(Math.abs(mean - exact[i]) < 4 * se + 1e-6,
                            e.name() + " element " + i + ": mean " + mean + " analytic " + exact[i] + " SE " + se);
                }
                System.out.printf("MOMENT %s vs analytic over %d x M=%d: max |z| = %.2f (max SE %.5f)%n",
                        e.name(), calls, samples, maxZ, maxSe);
            }
        }
    }

    /**
     * Under ELBO with an ActivationFunction.NONE layer and the same B rows in each of M streams, the pre-activation
     * of every row has sample mean m = x·μ + μ_b and sample variance v = x²·s² + s_b² over the streams.
     */
    @Test
    void elboPreActivationSamplesHaveMeanMAndVarianceV() {
        SplittableRandom r = new SplittableRandom(24);
        int streams = 20000;
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(4);
            BayesLinear layer = denseLayer(m, r, PosteriorInit.withRho0(-0.5), ActivationFunction.NONE);
            float[] rho = new float[N * K];
            for (int i = 0; i < rho.length; i++) {
                rho[i] = (float) (-1.5 + r.nextDouble());       // unequal s per weight
            }
            layer.weight().rho().set(rho);
            float[] x = randomFloats(r, B * N);
            double[] xd = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                xd[i] = x[i];
            }
            double[] mean = dense(xd, doubles(layer.weight().mu()), doubles(layer.bias().mu()), B, N, K);
            double[] x2 = new double[xd.length];
            for (int i = 0; i < xd.length; i++) {
                x2[i] = xd[i] * xd[i];
            }
            double[] s2 = doubles(layer.weight().sigma().square());
            double[] sb2 = doubles(layer.bias().sigma().square());
            double[] var = dense(x2, s2, sb2, B, N, K);
            NDArray stacked = m.create(x, new Shape(B, N)).expandDims(0).repeat(0, streams).reshape(streams * B, N);
            for (Estimator e : List.of(new McSharedEstimator(), new LrtEstimator())) {
                ForwardContext ctx = new ForwardContext(e, Objective.ELBO, streams);
                double[] y = doubles(ctx.estimator().forward(layer, stacked, ctx));
                assertEquals(streams * B * K, y.length);
                double maxZMean = 0;
                double maxZVar = 0;
                for (int i = 0; i < B * K; i++) {
                    double sum = 0;
                    double sumSq = 0;
                    for (int j = 0; j < streams; j++) {
                        double v = y[j * B * K + i];
                        sum += v;
                        sumSq += v * v;
                    }
                    double sampleMean = sum / streams;
                    double sampleVar = (sumSq - streams * sampleMean * sampleMean) / (streams - 1);
                    double zMean = (sampleMean - mean[i]) / Math.sqrt(var[i] / streams);
                    double zVar = (sampleVar - var[i]) / (var[i] * Math.sqrt(2.0 / (streams - 1)));
                    maxZMean = Math.max(maxZMean, Math.abs(zMean));
                    maxZVar = Math.max(maxZVar, Math.abs(zVar));
                    assertTrue(Math.abs(zMean) < 4, e.name() + " element " + i + ": mean " + sampleMean + " m " + mean[i]);
                    assertTrue(Math.abs(zVar) < 4, e.name() + " element " + i + ": var " + sampleVar + " v " + var[i]);
                }
                System.out.printf("ELBO %s pre-activation over %d streams: max |z| mean %.2f, variance %.2f%n",
                        e.name(), streams, maxZMean, maxZVar);
            }
        }
    }

    @Test
    void momentObjectiveWithoutActivationReturnsTheMean() {
        SplittableRandom r = new SplittableRandom(25);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            BayesLinear layer = denseLayer(m, r, PosteriorInit.withRho0(0.5), ActivationFunction.NONE);
            NDArray x = m.create(randomFloats(r, B * N), new Shape(B, N));
            double[] expected = dense(doubles(x), doubles(layer.weight().mu()), doubles(layer.bias().mu()), B, N, K);
            for (Estimator e : momentEstimators()) {
                ForwardContext ctx = new ForwardContext(e, Objective.MOMENT, 4);
                double diff = maxAbsDiff(expected, doubles(ctx.estimator().forward(layer, x, ctx)));
                assertTrue(diff < 1e-5, e.name() + " differs from x·μᵀ + μ_b by " + diff);
            }
            assertTrue(Softplus.of(0.5) > 0.9);
        }
    }
}
