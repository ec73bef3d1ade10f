package io.risbnn.estimator;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * Independent double-precision references for E f(a) and Var f(a), a ~ N(m, s²): activations written
 * out in double (Φ from {@link RisTestSupport}) and composite Simpson in t = (a − m)/s over [−38, 38],
 * with extra breakpoints around the activation's feature at a = 0 (t₀ = −m/s, width ~1/s) so that a
 * large s does not hide the kink; Richardson-extrapolated (error O(h⁶)). Nothing here calls the code under test.
 */
final class MomentReference {
    private static final int INTERVALS = 4000;   // per segment, divisible by 4
    private static final double RANGE = 38;

    private MomentReference() {}

    static DoubleUnaryOperator function(ActivationFunction activation) {
        return switch (activation) {
            case RELU -> a -> Math.max(a, 0);
            case LEAKY_RELU -> a -> a > 0 ? a : 0.01 * a;
            case GELU -> a -> a * RisTestSupport.cdf(a);
            case SILU -> a -> a / (1 + Math.exp(-a));
            case TANH -> Math::tanh;
            case SOFTPLUS -> a -> Math.max(a, 0) + Math.log1p(Math.exp(-Math.abs(a)));
            case NONE -> a -> a;
        };
    }

    /** {E f, Var f} with Var = E(f − c)² − (E f − c)², c = f(m), so small s does not cancel. */
    static double[] meanVar(ActivationFunction activation, double m, double s) {
        DoubleUnaryOperator f = function(activation);
        double c = f.applyAsDouble(m);
        double[] sums = integrate(t -> f.applyAsDouble(m + s * t) - c, m, s);
        return new double[] {c + sums[0], Math.max(sums[1] - sums[0] * sums[0], 0)};
    }

    /** {E g, E g²} under t ~ N(0, 1) for g(t). */
    private static double[] integrate(DoubleUnaryOperator g, double m, double s) {
        double t0 = -m / s;
        double[] cuts = {-RANGE, RANGE, t0 - 40 / s, t0 - 4 / s, t0, t0 + 4 / s, t0 + 40 / s};
        double[] points = Arrays.stream(cuts).map(x -> Math.max(-RANGE, Math.min(RANGE, x))).sorted().distinct().toArray();
        double first = 0;
        double second = 0;
        for (int p = 0; p + 1 < points.length; p++) {
            double lo = points[p];
            double h = (points[p + 1] - lo) / INTERVALS;
            if (h <= 0) {
                continue;
            }
            // Simpson with h and with 2h on the same points, then Richardson: error O(h⁶)
            double fine1 = 0;
            double fine2 = 0;
            double coarse1 = 0;
            double coarse2 = 0;
            for (int j = 0; j <= INTERVALS; j++) {
                double t = lo + j * h;
                double gv = g.applyAsDouble(t);
                double density = RisTestSupport.phi(t);
                double w = (j == 0 || j == INTERVALS) ? 1 : (j % 2 == 1 ? 4 : 2);
                fine1 += w * h / 3 * density * gv;
                fine2 += w * h / 3 * density * gv * gv;
                if (j % 2 == 0) {
                    int i = j / 2;
                    double wc = (i == 0 || i == INTERVALS / 2) ? 1 : (i % 2 == 1 ? 4 : 2);
                    coarse1 += wc * 2 * h / 3 * density * gv;
                    coarse2 += wc * 2 * h / 3 * density * gv * gv;
                }
            }
            first += (16 * fine1 - coarse1) / 15;
            second += (16 * fine2 - coarse2) / 15;
        }
        return new double[] {first, second};
    }
}
