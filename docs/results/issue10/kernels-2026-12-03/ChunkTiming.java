package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

public class ChunkTiming {
    public static void main(String[] args) {
        int n = 2_097_152;
        RisConfig config = RisConfig.defaults();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray alpha = manager.randomUniform(-4f, 4f, new Shape(n));
            NDArray sd = manager.randomUniform(0.1f, 1f, new Shape(n));
            NDArray live = alpha.gt(-1000);
            for (int round = 0; round < 5; round++) {
                for (int m : new int[] {1, 10}) {
                    NDArray xi = manager.randomNormal(new Shape(m, n));
                    long t0 = System.nanoTime();
                    NDArray out = RisKernel.meanVar(alpha, sd, live, config, xi);
                    out.get(0).sum().getFloat();
                    long t1 = System.nanoTime();
                    if (round >= 2) System.out.printf("M=%d: %.1f ms, %.1f ns/unit%n", m, (t1 - t0) / 1e6, (t1 - t0) / (double) n);
                    out.close(); xi.close();
                }
            }
        }
    }
}
