package io.risbnn.estimator;

import java.util.SplittableRandom;

public class PropTiming {
    public static void main(String[] args) {
        int n = 1 << 21;
        double[] alpha = new double[n];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < n; i++) alpha[i] = r.nextDouble(-4, 4);
        double[] p = new double[4];
        double sink = 0;
        for (int round = 0; round < 6; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) { RisKernel.mmApx(alpha[i], 0.5, 3, p, 0); sink += p[1]; }
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) { RisKernel.secondMmApx(alpha[i], 0.5, 3, p, 2); sink += p[3]; }
            long t2 = System.nanoTime();
            for (int i = 0; i < n; i++) { sink += RisKernel.exp(-0.5 * alpha[i] * alpha[i]); }
            long t3 = System.nanoTime();
            for (int i = 0; i < n; i++) { sink += RisKernel.cdf(alpha[i]); }
            long t4 = System.nanoTime();
            System.out.printf("mmApx %.1f ns, secondMmApx %.1f ns, exp %.1f ns, cdf %.1f ns%n", (t1 - t0) / (double) n, (t2 - t1) / (double) n, (t3 - t2) / (double) n, (t4 - t3) / (double) n);
        }
        System.out.println(sink);
    }
}
