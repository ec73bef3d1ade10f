package io.risbnn.estimator;

import java.util.SplittableRandom;

public class RowsTiming {
    public static void main(String[] args) {
        int len = 2048;
        SplittableRandom random = new SplittableRandom(1);
        RisRows r = new RisRows(len);
        for (int u = 0; u < len; u++) {
            double a = random.nextDouble(-3, 3), t1 = random.nextDouble(0, 2), l1 = random.nextDouble(0.75, 1.2), t2 = random.nextDouble(0, 2), l2 = random.nextDouble(0.75, 1.2);
            r.alpha[u] = a; r.k1[u] = (a + t1) / l1; r.c11[u] = -t1 * l1; r.c21[u] = (1 - l1 * l1) * 0.5;
            r.k2[u] = (a + t2) / l2; r.c12[u] = -t2 * l2; r.c22[u] = (1 - l2 * l2) * 0.5;
        }
        double[][] xi = new double[10][len];
        for (double[] row : xi) for (int u = 0; u < len; u++) row[u] = (float) random.nextGaussian();
        for (int round = 0; round < 8; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 300; i++) for (double[] row : xi) r.accumulateScalar(row, 0, len);
            long t1 = System.nanoTime();
            for (int i = 0; i < 300; i++) for (double[] row : xi) RisVectorRows.accumulate(r, row);
            long t2 = System.nanoTime();
            double n = 300.0 * 10 * len;
            System.out.printf("round %d: scalar %.2f ns, vector %.2f ns, ratio %.2f%n", round, (t1 - t0) / n, (t2 - t1) / n, (double) (t1 - t0) / (t2 - t1));
        }
    }
}
