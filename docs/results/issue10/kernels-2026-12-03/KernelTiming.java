package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

public class KernelTiming {
    public static void main(String[] args) {
        int n = 2_097_152;
        try (NDManager manager = NDManager.newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(1);
            double[][] ranges = {{-4, 4}, {-10, -4}, {-40, -10}, {4, 40}, {-1000, -40}};
            for (int round = 0; round < 4; round++) {
                for (double[] r : ranges) {
                    NDArray alpha = manager.randomUniform((float) r[0], (float) r[1], new Shape(n));
                    NDArray sd = manager.randomUniform(0.1f, 1f, new Shape(n));
                    NDArray m = alpha.mul(sd);
                    NDArray v = sd.square();
                    long t0 = System.nanoTime();
                    NDArray k = ReluKernel.compute(m, v, true);
                    k.get(0).sum().getFloat();
                    long t1 = System.nanoTime();
                    System.out.printf("round %d alpha [%g, %g]: %.1f ms, %.1f ns/unit%n", round, r[0], r[1], (t1 - t0) / 1e6, (t1 - t0) / (double) n);
                    k.close(); alpha.close(); sd.close(); m.close(); v.close();
                }
            }
        }
    }
}
