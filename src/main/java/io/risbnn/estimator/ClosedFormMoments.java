package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;

/**
 * E f(a), Var f(a) and their partial derivatives in (m, v) for a ~ N(m, v), evaluated on detached
 * float64 arrays (no autograd): the maths of {@link AnalyticEstimator}, which attaches the derivatives
 * to the graph itself. ReLU and leaky ReLU are exact closed forms; GELU's mean is exact and its
 * variance comes from {@link GeluVariance} (a fixed float64 quadrature, as no elementary form exists).
 *
 * <p>Cancellation. With α = m/s, the ReLU quantities are computed at −|α| and reflected, so the
 * differences that lose digits are only ever taken in the lower tail. There, for |α| ≥ 4, they are
 * rewritten through the continued fraction of the Mills ratio R(x) = 1/C₀, C_j = x + (j+1)/C_{j+1}:
 * Φ(−x) = φ/C₀, ψ(−x) = φ/(C₀C₁), E(t − x)₊² = 2φ/(C₀C₁C₂), products of positive numbers in
 * which nothing cancels (the direct forms lose a factor ~x⁴ of the second moment to rounding).
 */
final class ClosedFormMoments {
    /** Below −TAIL_START the lower-tail forms use the continued fraction (direct forms lose ≤ 4e-10 above). */
    static final double TAIL_START = 4;
    /** Continued-fraction depth: converged to ~1e-15 relative at x = 4. */
    private static final int TAIL_TERMS = 30;
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);
    private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2);

    private ClosedFormMoments() {}

    /** Output mean and variance of an activation and their partial derivatives in m and v. */
    record Moments(NDArray mean, NDArray variance, NDArray meanDm, NDArray meanDv,
                   NDArray varianceDm, NDArray varianceDv) {}

    /**
     * Standard-normal quantities at α, for t ~ N(0, 1): Φ(α), 1 − Φ(α), φ(α), ψ(α) = E(α + t)₊ and
     * V(α) = Var (α + t)₊, each without cancellation.
     */
    record Standard(NDArray cdf, NDArray ccdf, NDArray pdf, NDArray psi, NDArray var) {}

    static Standard standard(NDArray alpha) {
        NDArray x = alpha.abs();
        NDArray pdf = pdf(x);
        // at β = −x, direct forms
        NDArray lowerDirect = x.mul(INV_SQRT_2).erf().neg().add(1).mul(0.5);
        NDArray psiDirect = pdf.sub(x.mul(lowerDirect));
        NDArray secondDirect = x.square().add(1).mul(lowerDirect).sub(x.mul(pdf));
        NDArray varDirect = secondDirect.sub(psiDirect.square());
        // at β = −x, continued-fraction forms (x clamped so the fraction is valid everywhere)
        NDArray[] c = millsFraction(x.maximum(TAIL_START));
        NDArray c01 = c[0].mul(c[1]);
        NDArray lowerTail = pdf.div(c[0]);
        NDArray psiTail = pdf.div(c01);
        NDArray varTail = pdf.mul(2).div(c01.mul(c[2])).sub(psiTail.square());
        NDArray tail = x.gte(TAIL_START);
        NDArray lower = NDArrays.where(tail, lowerTail, lowerDirect);
        NDArray psiLower = NDArrays.where(tail, psiTail, psiDirect);
        NDArray varLower = NDArrays.where(tail, varTail, varDirect);
        // reflection to α > 0: ψ(x) = x + ψ(−x), V(x) = 1 + V(−x) − 2Φ(−x)
        NDArray positive = alpha.gt(0);
        NDArray upper = lower.neg().add(1);
        return new Standard(
                NDArrays.where(positive, upper, lower),
                NDArrays.where(positive, lower, upper),
                pdf,
                NDArrays.where(positive, x.add(psiLower), psiLower),
                NDArrays.where(positive, varLower.sub(lower.mul(2)).add(1), varLower));
    }

    /** φ(x). */
    static NDArray pdf(NDArray x) {
        return x.square().mul(-0.5).exp().mul(INV_SQRT_2PI);
    }

    /** Φ(x), relative accuracy kept in the lower tail (erf cancels there). */
    static NDArray cdf(NDArray x) {
        NDArray direct = x.mul(INV_SQRT_2).erf().add(1).mul(0.5);
        NDArray tail = pdf(x).div(millsFraction(x.neg().maximum(TAIL_START))[0]);
        return NDArrays.where(x.lt(-TAIL_START), tail, direct);
    }

    /** C₀, C₁, C₂ of R(x) = 1/C₀, C_j = x + (j+1)/C_{j+1}, truncated at C_N = x; for x ≥ 4. */
    static NDArray[] millsFraction(NDArray x) {
        NDArray[] kept = new NDArray[3];
        NDArray c = x;
        for (int j = TAIL_TERMS - 1; j >= 0; j--) {
            c = c.pow(-1).mul(j + 1).add(x);
            if (j <= 2) {
                kept[j] = c;
            }
        }
        return kept;
    }

    /**
     * ReLU: E = sψ(α), Var = v·V(α); ∂E/∂m = Φ, ∂E/∂v = φ/(2s), ∂Var/∂m = 2E(1 − Φ),
     * ∂Var/∂v = Φ − ψφ (= ∂E f²/∂v − 2E ∂E/∂v with ∂E f²/∂v = Φ).
     */
    static Moments relu(NDArray m, NDArray s) {
        NDArray v = s.square();
        Standard st = standard(m.div(s));
        NDArray mean = s.mul(st.psi());
        return new Moments(mean, v.mul(st.var().maximum(0)), st.cdf(), st.pdf().div(s.mul(2)),
                mean.mul(st.ccdf()).mul(2), st.cdf().sub(st.psi().mul(st.pdf())));
    }

    /**
     * Leaky ReLU with slope c, written f = c·a + (1 − c)·relu(a) so that nothing cancels:
     * E = c·m + (1 − c)·E relu and, with Cov(a, relu a) = vΦ (Stein),
     * Var = v·[c² + (1 − c)²V + 2c(1 − c)Φ]. (Equivalently E relu(a) − c·E relu(−a) and
     * E relu(a)² + c²·E relu(−a)², the cross term being 0.)
     */
    static Moments leakyRelu(NDArray m, NDArray s, double c) {
        NDArray v = s.square();
        NDArray alpha = m.div(s);
        Standard st = standard(alpha);
        double k = 1 - c;
        NDArray reluMean = s.mul(st.psi());
        NDArray mean = m.mul(c).add(reluMean.mul(k));
        NDArray var = v.mul(st.var().maximum(0).mul(k * k).add(st.cdf().mul(2 * c * k)).add(c * c));
        NDArray meanDm = st.cdf().mul(k).add(c);
        NDArray meanDv = st.pdf().div(s.mul(2)).mul(k);
        NDArray varDm = reluMean.mul(st.ccdf()).mul(2 * k * k).add(s.mul(st.pdf()).mul(2 * c * k));
        NDArray varDv = st.cdf().sub(st.psi().mul(st.pdf())).mul(k * k)
                .add(st.cdf().sub(alpha.mul(st.pdf()).mul(0.5)).mul(2 * c * k)).add(c * c);
        return new Moments(mean, var, meanDm, meanDv, varDm, varDv);
    }

    /**
     * GELU f = aΦ(a). Mean (Stein, E[a g(a)] = m E g + v E g'): E = mΦ(h) + vφ(h)/r with r = √(1 + v),
     * h = m/r; ∂E/∂m = Φ(h) + hφ(h)/r², ∂E/∂v = φ(h)(2 + v − h²)/(2r³) (= ½E f''). For h < −4 the
     * mean is (φ(h)/r)·((1 + v)/(C₀C₁) − 1), the same number without the cancellation of mΦ(h)
     * against vφ(h)/r. Variance: {@link GeluVariance}.
     */
    static Moments gelu(NDArray m, NDArray s) {
        NDArray v = s.square();
        NDArray r2 = v.add(1);
        NDArray r = r2.sqrt();
        NDArray h = m.div(r);
        NDArray pdfH = pdf(h);
        NDArray[] c = millsFraction(h.neg().maximum(TAIL_START));
        NDArray direct = m.mul(cdf(h)).add(v.mul(pdfH).div(r));
        NDArray tail = pdfH.div(r).mul(r2.div(c[0].mul(c[1])).sub(1));
        NDArray mean = NDArrays.where(h.lt(-TAIL_START), tail, direct);
        NDArray meanDm = cdf(h).add(h.mul(pdfH).div(r2));
        NDArray meanDv = pdfH.mul(v.add(2).sub(h.square())).div(r2.mul(r).mul(2));
        return GeluVariance.complete(m, s, mean, meanDm, meanDv, standard(m.div(s)));
    }
}
