package io.risbnn.method.swag;

import java.util.SplittableRandom;

/**
 * The Gaussian SWAG samples weights from, built on {@link SwagMoments}:
 * <ul>
 *   <li>SWAG: θ̃ = θ̄ + √scale·(Σ_diag^½ ⊙ z₁ + D z₂/√(K−1)), z₁ ~ N(0, I_P), z₂ ~ N(0, I_K), so
 *       Cov θ̃ = scale·(Σ_diag + DDᵀ/(K−1)). This is the reference implementation's {@code sample(scale,
 *       cov=True)} (wjmaddox/swa_gaussian, swag/posteriors/swag.py); with scale ½ it is the paper's
 *       θ̃ = θ_SWA + Σ_diag^½ z₁/√2 + D̂ z₂/√(2(K−1)), covariance ½(Σ_diag + D̂D̂ᵀ/(K−1)) (Maddox et al.
 *       2019, eq. 1 and §4.1). K here is the number of deviations actually collected, min(n, K_max) (the
 *       reference divides by K_max − 1 even before K_max iterates are in); with fewer than two the
 *       low-rank part is left out.</li>
 *   <li>SWAG-diagonal: θ̃ = θ̄ + √scale·Σ_diag^½ ⊙ z₁ (the reference's {@code cov=False}; the paper's
 *       N(θ_SWA, Σ_diag) is scale 1).</li>
 * </ul>
 * A draw takes z₁ (P values) then, for SWAG, z₂ (K values) from one Java stream, so the same stream
 * gives the same θ̃.
 */
public final class SwagGaussian {
    private final SwagMoments moments;
    private final boolean lowRank;
    private final double scale;
    private final double[] diagonalStd;

    /**
     * The Gaussian of collected moments.
     *
     * @param moments the collected moments, at least one iterate
     * @param full SWAG (diagonal plus low rank) rather than SWAG-diagonal
     * @param scale the sampling scale (0.5 in the paper for SWAG)
     * @throws IllegalStateException if no iterate was collected
     */
    public SwagGaussian(SwagMoments moments, boolean full, double scale) {
        if (moments.count() == 0) {
            throw new IllegalStateException("no iterates collected");
        }
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale " + scale);
        }
        this.moments = moments;
        this.lowRank = full && moments.columns() >= 2;
        this.scale = scale;
        double[] variance = moments.diagonalVariance();
        this.diagonalStd = new double[variance.length];
        for (int p = 0; p < variance.length; p++) {
            diagonalStd[p] = Math.sqrt(variance[p]);
        }
    }

    /**
     * θ̄, the SWA weights.
     *
     * @return the moments' mean (the array itself, do not modify)
     */
    public double[] mean() {
        return moments.mean();
    }

    /**
     * Whether the low-rank part D enters the covariance.
     *
     * @return true for SWAG with at least two deviations collected
     */
    public boolean lowRank() {
        return lowRank;
    }

    /**
     * One θ̃, from {@code random}'s next Gaussians.
     *
     * @param random the stream z₁ (and z₂) are drawn from
     * @return a fresh weight vector, length P
     */
    public double[] draw(SplittableRandom random) {
        int size = moments.size();
        double rootScale = Math.sqrt(scale);
        double[] theta = new double[size];
        double[] mean = moments.mean();
        for (int p = 0; p < size; p++) {
            theta[p] = diagonalStd[p] * gaussian(random);
        }
        if (lowRank) {
            int columns = moments.columns();
            double weight = 1 / Math.sqrt(columns - 1.0);
            for (int k = 0; k < columns; k++) {
                double z = gaussian(random) * weight;
                double[] d = moments.deviation(k);
                for (int p = 0; p < size; p++) {
                    theta[p] += d[p] * z;
                }
            }
        }
        for (int p = 0; p < size; p++) {
            theta[p] = mean[p] + rootScale * theta[p];
        }
        return theta;
    }

    /**
     * Cov(θ̃_i, θ̃_j) = scale·(δ_ij Σ_diag,i + Σ_k D_ik D_jk/(K−1)).
     *
     * @param i an index into θ
     * @param j an index into θ
     * @return the covariance of the two weights
     */
    public double covariance(int i, int j) {
        double c = i == j ? diagonalStd[i] * diagonalStd[i] : 0;
        if (lowRank) {
            int columns = moments.columns();
            double low = 0;
            for (int k = 0; k < columns; k++) {
                low += moments.deviation(k)[i] * moments.deviation(k)[j];
            }
            c += low / (columns - 1.0);
        }
        return scale * c;
    }

    /** A standard normal by Box–Muller from two uniforms (StrictMath: the same bits on every JVM). */
    static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();    // (0, 1]
        double v = random.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * v);
    }
}
