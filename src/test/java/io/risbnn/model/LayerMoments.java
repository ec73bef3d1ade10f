package io.risbnn.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import io.risbnn.estimator.Estimator;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.McSharedEstimator;
import io.risbnn.objective.Objective;
import io.risbnn.train.Seeds;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-unit moments after every child of a sequential network, two ways: propagated under MEAN_VAR by
 * the layer code, and measured over sampled networks (mc-shared under ELBO: one weight sample per
 * network, shared by all inputs), accumulated in double.
 */
final class LayerMoments {
    /** Mean, variance and standard errors of both per unit (flattened [B·…]). */
    /** Also the fraction of networks in which each unit is non-zero (t-tests are invalid for rarely active units). */
    record Measured(double[] mean, double[] variance, double[] meanSe, double[] varianceSe, double[] activeFraction) {}

    /** Propagated mean and variance per unit. */
    record Propagated(double[] mean, double[] variance) {}

    private LayerMoments() {}

    static List<Propagated> propagate(SequentialBlock net, NDManager manager, NDArray x, Estimator estimator, int samples) {
        ForwardContext ctx = new ForwardContext(estimator, Objective.MEAN_VAR, samples);
        List<Propagated> out = new ArrayList<>();
        try (NDScope scope = new NDScope(); ForwardContext.Scope active = ctx.activate()) {
            NDList current = new NDList(x, x.zerosLike());
            ParameterStore store = new ParameterStore(manager, false);
            for (Block child : net.getChildren().values()) {
                current = child.forward(store, current, false, ctx.asParams());
                out.add(new Propagated(doubles(current.get(0)), doubles(current.get(1))));
            }
        }
        return out;
    }

    static List<Measured> sample(SequentialBlock net, NDManager manager, NDArray x, int networks, int chunk, long seed) {
        int layers = net.getChildren().size();
        long batch = x.getShape().get(0);
        double[][] s1 = new double[layers][];
        double[][] s2 = new double[layers][];
        double[][] s3 = new double[layers][];
        double[][] s4 = new double[layers][];
        double[][] nonZero = new double[layers][];
        for (int done = 0, k = 0; done < networks; done += chunk, k++) {
            int count = Math.min(chunk, networks - done);
            Seeds.seedEngine(seed, "networks", k);
            ForwardContext ctx = new ForwardContext(new McSharedEstimator(), Objective.ELBO, count);
            try (NDScope scope = new NDScope(); ForwardContext.Scope active = ctx.activate()) {
                NDArray stacked = x.expandDims(0).repeat(0, count).reshape(new Shape(batch * count).addAll(x.getShape().slice(1)));
                NDList current = new NDList(stacked);
                ParameterStore store = new ParameterStore(manager, false);
                int layer = 0;
                for (Block child : net.getChildren().values()) {
                    current = child.forward(store, current, false, ctx.asParams());
                    double[] y = doubles(current.singletonOrThrow());
                    int units = y.length / count;
                    if (s1[layer] == null) {
                        s1[layer] = new double[units];
                        s2[layer] = new double[units];
                        s3[layer] = new double[units];
                        s4[layer] = new double[units];
                        nonZero[layer] = new double[units];
                    }
                    for (int n = 0; n < count; n++) {
                        for (int u = 0; u < units; u++) {
                            double v = y[n * units + u];
                            double v2 = v * v;
                            s1[layer][u] += v;
                            s2[layer][u] += v2;
                            s3[layer][u] += v2 * v;
                            s4[layer][u] += v2 * v2;
                            if (v != 0) {
                                nonZero[layer][u]++;
                            }
                        }
                    }
                    layer++;
                }
            }
        }
        List<Measured> out = new ArrayList<>();
        for (int layer = 0; layer < layers; layer++) {
            int units = s1[layer].length;
            double[] mean = new double[units];
            double[] var = new double[units];
            double[] meanSe = new double[units];
            double[] varSe = new double[units];
            double[] fraction = new double[units];
            for (int u = 0; u < units; u++) {
                double m = s1[layer][u] / networks;
                double e2 = s2[layer][u] / networks;
                double e3 = s3[layer][u] / networks;
                double e4 = s4[layer][u] / networks;
                double v = Math.max(0, e2 - m * m);
                double central4 = e4 - 4 * m * e3 + 6 * m * m * e2 - 3 * m * m * m * m;
                mean[u] = m;
                var[u] = v * networks / (networks - 1.0);
                meanSe[u] = Math.sqrt(v / networks);
                varSe[u] = Math.sqrt(Math.max(0, central4 - v * v) / networks);
                fraction[u] = nonZero[layer][u] / networks;
            }
            out.add(new Measured(mean, var, meanSe, varSe, fraction));
        }
        return out;
    }

    static double[] doubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }
}
