import jdk.incubator.vector.*;
import java.util.SplittableRandom;

/** Scratch: the inner sample loop of RisKernel.chunk, scalar (as shipped) vs the Vector API. */
public class KernelBench {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final double LN2_HI = 0.6931471803691238, LN2_LO = 1.9082149292705877e-10, INV_LN2 = 1.4426950408889634;

    static double exp(double x) {
        if (!(x > -700 && x < 700)) return Math.exp(x);
        double n = Math.rint(x * INV_LN2);
        double r = (x - n * LN2_HI) - n * LN2_LO;
        double r2 = r * r, r4 = r2 * r2;
        double p0 = (1 + r) + (0.5 + r * (1.0 / 6)) * r2;
        double p1 = (1.0 / 24 + r * (1.0 / 120)) + (1.0 / 720 + r * (1.0 / 5040)) * r2;
        double p2 = (1.0 / 40320 + r * (1.0 / 362880)) + (1.0 / 3628800 + r * (1.0 / 39916800)) * r2;
        double p = p0 + (p1 + p2 * r4) * r4;
        return p * Double.longBitsToDouble(((long) n + 1023) << 52);
    }

    /** The same polynomial, lane-wise (inputs within ±700 here). */
    static DoubleVector vexp(DoubleVector x) {
        DoubleVector n = x.mul(INV_LN2).lanewise(VectorOperators.ADD, 0x1.8p52).sub(0x1.8p52); // rint for |v| < 2^51
        DoubleVector r = x.sub(n.mul(LN2_HI)).sub(n.mul(LN2_LO));
        DoubleVector r2 = r.mul(r), r4 = r2.mul(r2);
        DoubleVector p0 = r.add(1).add(r.mul(1.0 / 6).add(0.5).mul(r2));
        DoubleVector p1 = r.mul(1.0 / 120).add(1.0 / 24).add(r.mul(1.0 / 5040).add(1.0 / 720).mul(r2));
        DoubleVector p2 = r.mul(1.0 / 362880).add(1.0 / 40320).add(r.mul(1.0 / 39916800).add(1.0 / 3628800).mul(r2));
        DoubleVector p = p0.add(p1.add(p2.mul(r4)).mul(r4));
        LongVector bits = ((LongVector) n.convert(VectorOperators.D2L, 0)).add(1023).lanewise(VectorOperators.LSHL, 52);
        return p.mul(bits.reinterpretAsDoubles());
    }

    static void scalar(int len, int samples, float[][] xi, double[] alpha, double[] k1, double[] c11, double[] c21,
                       double[] k2, double[] c12, double[] c22, double[][] acc) {
        double[] sum1 = acc[0], sq1 = acc[1], sum2 = acc[2], on = acc[3], onXi = acc[4], f = acc[5], fXi = acc[6];
        for (int j = 0; j < samples; j++) {
            float[] row = xi[j];
            for (int u = 0; u < len; u++) {
                double x = row[u];
                double u1 = exp(x * (c21[u] * x + c11[u])) * Math.max(x + k1[u], 0);
                sum1[u] += u1; sq1[u] += u1 * u1;
                double p2 = Math.max(x + k2[u], 0);
                sum2[u] += exp(x * (c22[u] * x + c12[u])) * (p2 * p2);
                double z = x + alpha[u];
                double step = z > 0 ? 1 : (z == 0 ? 0.5 : 0);
                double pos = Math.max(z, 0);
                on[u] += step; onXi[u] += step * x; f[u] += pos; fXi[u] += pos * x;
            }
        }
    }

    static void vector(int len, int samples, double[][] xiD, double[] alpha, double[] k1, double[] c11, double[] c21,
                       double[] k2, double[] c12, double[] c22, double[][] acc) {
        double[] sum1 = acc[0], sq1 = acc[1], sum2 = acc[2], on = acc[3], onXi = acc[4], f = acc[5], fXi = acc[6];
        int bound = S.loopBound(len);
        for (int j = 0; j < samples; j++) {
            double[] row = xiD[j];
            for (int u = 0; u < bound; u += S.length()) {
                DoubleVector x = DoubleVector.fromArray(S, row, u);
                DoubleVector e1 = vexp(x.mul(DoubleVector.fromArray(S, c21, u).mul(x).add(DoubleVector.fromArray(S, c11, u))));
                DoubleVector u1 = e1.mul(x.add(DoubleVector.fromArray(S, k1, u)).max(0));
                DoubleVector.fromArray(S, sum1, u).add(u1).intoArray(sum1, u);
                DoubleVector.fromArray(S, sq1, u).add(u1.mul(u1)).intoArray(sq1, u);
                DoubleVector p2 = x.add(DoubleVector.fromArray(S, k2, u)).max(0);
                DoubleVector e2 = vexp(x.mul(DoubleVector.fromArray(S, c22, u).mul(x).add(DoubleVector.fromArray(S, c12, u))));
                DoubleVector.fromArray(S, sum2, u).add(e2.mul(p2.mul(p2))).intoArray(sum2, u);
                DoubleVector z = x.add(DoubleVector.fromArray(S, alpha, u));
                DoubleVector step = DoubleVector.zero(S).blend(1.0, z.compare(VectorOperators.GT, 0)).blend(0.5, z.compare(VectorOperators.EQ, 0));
                DoubleVector pos = z.max(0);
                DoubleVector.fromArray(S, on, u).add(step).intoArray(on, u);
                DoubleVector.fromArray(S, onXi, u).add(step.mul(x)).intoArray(onXi, u);
                DoubleVector.fromArray(S, f, u).add(pos).intoArray(f, u);
                DoubleVector.fromArray(S, fXi, u).add(pos.mul(x)).intoArray(fXi, u);
            }
            for (int u = bound; u < len; u++) {   // tail, scalar
                double x = row[u];
                double u1 = exp(x * (c21[u] * x + c11[u])) * Math.max(x + k1[u], 0);
                sum1[u] += u1; sq1[u] += u1 * u1;
                double p2 = Math.max(x + k2[u], 0);
                sum2[u] += exp(x * (c22[u] * x + c12[u])) * (p2 * p2);
                double z = x + alpha[u];
                double step = z > 0 ? 1 : (z == 0 ? 0.5 : 0);
                double pos = Math.max(z, 0);
                on[u] += step; onXi[u] += step * x; f[u] += pos; fXi[u] += pos * x;
            }
        }
    }

    public static void main(String[] a) {
        int len = 2048, samples = 10, reps = Integer.parseInt(a.length > 0 ? a[0] : "400");
        SplittableRandom r = new SplittableRandom(1);
        float[][] xi = new float[samples][len];
        double[][] xiD = new double[samples][len];
        for (int j = 0; j < samples; j++) for (int u = 0; u < len; u++) { xi[j][u] = (float) r.nextGaussian(); xiD[j][u] = xi[j][u]; }
        double[] alpha = new double[len], k1 = new double[len], c11 = new double[len], c21 = new double[len],
                k2 = new double[len], c12 = new double[len], c22 = new double[len];
        for (int u = 0; u < len; u++) {
            alpha[u] = r.nextDouble(-3, 3);
            double t1 = r.nextDouble(0, 2), l1 = r.nextDouble(0.75, 1.2), t2 = r.nextDouble(0, 2), l2 = r.nextDouble(0.75, 1.2);
            k1[u] = (alpha[u] + t1) / l1; c11[u] = -t1 * l1; c21[u] = (1 - l1 * l1) * 0.5;
            k2[u] = (alpha[u] + t2) / l2; c12[u] = -t2 * l2; c22[u] = (1 - l2 * l2) * 0.5;
        }
        double[][] accS = new double[7][len], accV = new double[7][len];
        scalar(len, samples, xi, alpha, k1, c11, c21, k2, c12, c22, accS);
        vector(len, samples, xiD, alpha, k1, c11, c21, k2, c12, c22, accV);
        double maxRel = 0;
        for (int k = 0; k < 7; k++) for (int u = 0; u < len; u++) {
            double d = Math.abs(accS[k][u] - accV[k][u]) / Math.max(1e-300, Math.abs(accS[k][u]));
            if (accS[k][u] != 0) maxRel = Math.max(maxRel, d);
        }
        System.out.println("species " + S + ", max relative difference " + maxRel);
        int rounds = a.length > 1 ? Integer.parseInt(a[1]) : 7;
        for (int round = 0; round < rounds; round++) {      // alternated: scalar, vector
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) scalar(len, samples, xi, alpha, k1, c11, c21, k2, c12, c22, accS);
            long t1 = System.nanoTime();
            for (int i = 0; i < reps; i++) vector(len, samples, xiD, alpha, k1, c11, c21, k2, c12, c22, accV);
            long t2 = System.nanoTime();
            double ns = 1.0 * reps * len * samples;
            System.out.printf("round %d: scalar %.2f ns/sample, vector %.2f ns/sample, ratio %.2f%n", round,
                    (t1 - t0) / ns, (t2 - t1) / ns, (double) (t1 - t0) / (t2 - t1));
        }
    }
}
