package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Var f(a) for GELU f = aΦ(a), a ~ N(m, v), and its derivatives in (m, v), on detached float64 arrays.
 * E f² = E[a²Φ(a)²] reduces to a bivariate normal CDF (Owen's T), which is hard to evaluate without
 * exponential cancellation in the lower tail; this class uses two fixed float64 quadratures instead,
 * chosen per element by the pre-activation's sd s (the rules are not exact: see the test for their
 * measured accuracy):
 *
 * <ul>
 *   <li>s ≤ 1: {@value #HERMITE_NODES}-node Gauss–Hermite in t = (a − m)/s. f is entire and varies on a
 *       scale ≥ s, so the rule converges fast. The sums are taken around c = f(m)
 *       (Var = E(f − c)² − (E f − c)²), so small s does not cancel, and the derivatives are
 *       ∂Var/∂m = 2 Cov(f, f') and ∂Var/∂v = E f'² + Cov(f, f'') (Price: ∂E g/∂v = ½E g'').</li>
 *   <li>s > 1: f = relu + g with g(a) = −|a|Φ(−|a|) confined to |a| ≲ 12, so
 *       Var f = Var relu + E d − E g·(E f + E relu), d = f² − relu² = g(2 relu + g). Var relu is the
 *       closed form; E d and E g are Gauss–Legendre sums over fixed nodes a_j ∈ [−12, 0] ∪ [0, 12]
 *       ({@value #LEGENDRE_NODES} per half: d'' jumps at 0) weighted by the density N(a_j; m, v), whose
 *       derivatives give the (m, v)-derivatives (score form).</li>
 * </ul>
 */
final class GeluVariance {
    static final int HERMITE_NODES = 40;
    static final int LEGENDRE_NODES = 32;
    /** Half-width of the residual's window: |g|, |d| < 3e-31 outside. */
    private static final double WINDOW = 12;
    private static final double SD_SPLIT = 1;
    /** Bound on the elements of one [nodes, …] temporary (float64: 32 MB). */
    private static final long CHUNK_ELEMENTS = 1L << 22;
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);
    private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2);

    private static final GaussHermite HERMITE = GaussHermite.standardNormal(HERMITE_NODES);
    /** Legendre nodes a_j and weights ω_j·d(a_j), ω_j·g(a_j). */
    private static final double[][] RESIDUAL = residualTable();

    private GeluVariance() {}

    /** The moments with the given (exact) mean, and the variance by the rule for each element's s. */
    static ClosedFormMoments.Moments complete(NDArray m, NDArray s, NDArray mean, NDArray meanDm, NDArray meanDv,
                                              ClosedFormMoments.Standard st) {
        NDArray small = s.lte(SD_SPLIT);
        boolean anySmall = small.any().getBoolean();
        boolean anyLarge = !small.all().getBoolean();
        NDArray[] a = anySmall ? hermite(m, s) : null;
        NDArray[] b = anyLarge ? residual(m, s, mean, meanDm, meanDv, st) : null;
        NDArray[] out = new NDArray[3];
        for (int i = 0; i < 3; i++) {
            out[i] = a == null ? b[i] : b == null ? a[i] : NDArrays.where(small, a[i], b[i]);
        }
        return new ClosedFormMoments.Moments(mean, out[0].maximum(0), meanDm, meanDv, out[1], out[2]);
    }

    /** Var, ∂Var/∂m, ∂Var/∂v by Gauss–Hermite in t, sums around c = f(m). */
    private static NDArray[] hermite(NDArray m, NDArray s) {
        NDArray c = m.mul(ClosedFormMoments.cdf(m));
        NDArray[] sums = new NDArray[7];   // Σw·{d, d², d·f', f', f'², d·f'', f''}, d = f − c
        int chunk = chunk(m);
        for (int k0 = 0; k0 < HERMITE_NODES; k0 += chunk) {
            int n = Math.min(chunk, HERMITE_NODES - k0);
            double[] t = new double[n];
            double[] w = new double[n];
            for (int k = 0; k < n; k++) {
                t[k] = HERMITE.node(k0 + k);
                w[k] = HERMITE.weight(k0 + k);
            }
            NDArray a = m.expandDims(0).add(s.expandDims(0).mul(column(m, t)));
            NDArray weight = column(m, w);
            NDArray cdf = a.mul(INV_SQRT_2).erf().add(1).mul(0.5);
            NDArray pdf = ClosedFormMoments.pdf(a);
            NDArray d = a.mul(cdf).sub(c.expandDims(0));
            NDArray f1 = cdf.add(a.mul(pdf));
            NDArray f2 = pdf.mul(a.square().neg().add(2));
            NDArray wd = weight.mul(d);
            NDArray wf1 = weight.mul(f1);
            NDArray[] terms = {wd, wd.mul(d), wd.mul(f1), wf1, wf1.mul(f1), wd.mul(f2), weight.mul(f2)};
            for (int i = 0; i < 7; i++) {
                NDArray part = terms[i].sum(new int[] {0});
                sums[i] = sums[i] == null ? part : sums[i].add(part);
            }
        }
        NDArray mean = sums[0];
        return new NDArray[] {
            sums[1].sub(mean.square()),
            sums[2].sub(mean.mul(sums[3])).mul(2),
            sums[4].add(sums[5]).sub(mean.mul(sums[6]))};
    }

    /** Var, ∂Var/∂m, ∂Var/∂v as Var relu + E d − E g·(E f + E relu), E d and E g by Gauss–Legendre in a. */
    private static NDArray[] residual(NDArray m, NDArray s, NDArray mean, NDArray meanDm, NDArray meanDv,
                                      ClosedFormMoments.Standard st) {
        NDArray v = s.square();
        // Σ ω_j·{d_j, g_j}·N_j·{1, e_j, e_j²} with e_j = a_j − m
        NDArray[] sums = new NDArray[6];
        int total = RESIDUAL[0].length;
        int chunk = chunk(m);
        NDArray density = s.mul(1 / INV_SQRT_2PI).pow(-1).expandDims(0);   // 1/(s√2π)
        NDArray halfPrecision = v.mul(2).pow(-1).expandDims(0);               // 1/(2v)
        for (int k0 = 0; k0 < total; k0 += chunk) {
            int n = Math.min(chunk, total - k0);
            NDArray nodes = column(m, slice(RESIDUAL[0], k0, n));
            NDArray e = nodes.sub(m.expandDims(0));
            NDArray e2 = e.square();
            NDArray normal = e2.mul(halfPrecision).neg().exp().mul(density);
            NDArray wdN = column(m, slice(RESIDUAL[1], k0, n)).mul(normal);
            NDArray wgN = column(m, slice(RESIDUAL[2], k0, n)).mul(normal);
            NDArray[] terms = {wdN, wdN.mul(e), wdN.mul(e2), wgN, wgN.mul(e), wgN.mul(e2)};
            for (int i = 0; i < 6; i++) {
                NDArray part = terms[i].sum(new int[] {0});
                sums[i] = sums[i] == null ? part : sums[i].add(part);
            }
        }
        NDArray v2 = v.square().mul(2);
        NDArray ed = sums[0];
        NDArray edDm = sums[1].div(v);
        NDArray edDv = sums[2].sub(v.mul(sums[0])).div(v2);
        NDArray eg = sums[3];
        NDArray egDm = sums[4].div(v);
        NDArray egDv = sums[5].sub(v.mul(sums[3])).div(v2);
        NDArray reluMean = s.mul(st.psi());
        NDArray both = mean.add(reluMean);
        NDArray var = v.mul(st.var().maximum(0)).add(ed).sub(eg.mul(both));
        NDArray varDm = reluMean.mul(st.ccdf()).mul(2).add(edDm).sub(egDm.mul(both))
                .sub(eg.mul(meanDm.add(st.cdf())));
        NDArray varDv = st.cdf().sub(st.psi().mul(st.pdf())).add(edDv).sub(egDv.mul(both))
                .sub(eg.mul(meanDv.add(st.pdf().div(s.mul(2)))));
        return new NDArray[] {var, varDm, varDv};
    }

    private static int chunk(NDArray like) {
        long size = Math.max(1, like.size());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, CHUNK_ELEMENTS / size));
    }

    /** values as a [n, 1, …, 1] array broadcasting against a leading node axis over {@code like}. */
    private static NDArray column(NDArray like, double[] values) {
        NDManager manager = like.getManager();
        long[] dims = new long[like.getShape().dimension() + 1];
        java.util.Arrays.fill(dims, 1);
        dims[0] = values.length;
        return manager.create(values).reshape(new Shape(dims));
    }

    private static double[] slice(double[] values, int from, int n) {
        return java.util.Arrays.copyOfRange(values, from, from + n);
    }

    /** Nodes a_j and weights ω_j·d(a_j), ω_j·g(a_j) of the two Gauss–Legendre panels. */
    private static double[][] residualTable() {
        GaussLegendre left = GaussLegendre.on(LEGENDRE_NODES, -WINDOW, 0);
        GaussLegendre right = GaussLegendre.on(LEGENDRE_NODES, 0, WINDOW);
        int n = 2 * LEGENDRE_NODES;
        double[][] table = new double[3][n];
        for (int j = 0; j < n; j++) {
            GaussLegendre rule = j < LEGENDRE_NODES ? left : right;
            int k = j % LEGENDRE_NODES;
            double a = rule.node(k);
            double g = -Math.abs(a) * upperTail(Math.abs(a));
            table[0][j] = a;
            table[1][j] = rule.weight(k) * g * (2 * Math.max(a, 0) + g);
            table[2][j] = rule.weight(k) * g;
        }
        return table;
    }

    /** 1 − Φ(x) for x ≥ 0 in double: series below 3, 80-term Mills continued fraction above. */
    static double upperTail(double x) {
        double pdf = Math.exp(-0.5 * x * x) * INV_SQRT_2PI;
        if (x >= 3) {
            double c = x;
            for (int k = 80; k >= 1; k--) {
                c = x + k / c;
            }
            return pdf / c;
        }
        double term = x;
        double sum = x;
        for (int n = 1; n < 200 && Math.abs(term) > 1e-18 * Math.abs(sum); n++) {
            term *= x * x / (2 * n + 1);
            sum += term;
        }
        return 0.5 - pdf * sum;
    }
}
