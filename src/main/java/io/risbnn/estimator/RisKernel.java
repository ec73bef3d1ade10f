package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;

/**
 * The M-sample part of RIS for a ReLU unit under HYBRID gradients, fused into one pass of plain Java
 * loops (split over the cores; every unit is computed alone, so the result does not depend on the thread
 * count): for each unit it reads its M draws ξ from the [M, …] noise array, or computes them from a
 * {@link NormalStream} at their positions in that array (no [M, …] array at all), weighs them, and accumulates
 * the RIS values and the Monte Carlo Jacobians on the same ξ in double precision, writing only per-unit
 * outputs. The tensor-op form ({@link RisMoments#reluSamples}, {@link MomentEstimate#fromSamples}, the
 * Jacobian terms) makes about 30 passes over [M, …] arrays and keeps several of them alive at once; it
 * stays the reference this kernel is tested against on the same noise (value and gradient to float
 * rounding). MOMENT's HYBRID first moment takes a first-moment-only form of the pass ({@link #finishedMean}): with ξ
 * from the stream and the per-unit and row parts lane-wise it ran a ResNet-20 ris M=10 step in 0.84 of the tensor
 * form's time ({@link RisEstimator#reluValue}, 14 passes over [M, …]) at 0.55 of its peak RSS (an earlier plain-loop
 * version, reading ξ from an array, was slower than it: 7.5 s against 6.8 s).
 *
 * <p>Per unit, with k = (α + τ)/λ, c₁ = −τλ, c₂ = (1 − λ²)/2 and sd^p·λ^(p+1)·e^(−τ²/2) for each moment's
 * proposal (p = 1, 2), a sample is y_p = sd^p·λ^(p+1)e^(−τ²/2)·e^(ξ(c₁ + c₂ξ))·(ξ + k)₊^p, exactly the
 * reference's arrangement; the Jacobians are those of relu(m + sd·ξ): 1{ξ + α > 0} (½ at 0, as the
 * reference's (sign + 1)/2), ξ·1{…}, (ξ + α)₊ and ξ(ξ + α)₊.
 */
final class RisKernel {
    /**
     * Units per parallel chunk. All M rows of a chunk are summed before the next chunk, so its nineteen per-unit
     * arrays should stay in the core's L1/L2: 256 units (39 KB of them) ran a ResNet-20 ris M=10 mean-var step
     * in 0.88–0.91 of the time 2048 did, and 64 in 0.92–0.94 (alternated).
     */
    private static final int CHUNK = 256;
    /** Per-thread working arrays of {@link #chunk}, so a chunk allocates nothing. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    static final double LN2_HI = 0.6931471803691238;       // ln 2 split so n·LN2_HI is exact (also RisVectorRows')
    static final double LN2_LO = 1.9082149292705877e-10;
    static final double INV_LN2 = 1.4426950408889634;

    private RisKernel() {}

    /** Whether the kernel serves these arrays: float32 on the CPU. */
    static boolean applies(NDArray... arrays) {
        for (NDArray a : arrays) {
            if (a.getDataType() != DataType.FLOAT32 || !"cpu".equals(a.getDevice().getDeviceType())) {
                return false;
            }
        }
        return true;
    }

    /**
     * e^x to ~1e-13 relative (|x| ≤ 700; outside, {@link Math#exp}): 2^n·e^r with |r| ≤ ln2/2 and a degree-11
     * Taylor polynomial in Estrin's form. About a third of {@link Math#exp}'s time, and the outputs are float32.
     */
    static double exp(double x) {
        if (!(x > -700 && x < 700)) {
            return Math.exp(x);
        }
        double n = Math.rint(x * INV_LN2);
        double r = (x - n * LN2_HI) - n * LN2_LO;
        double r2 = r * r;
        double r4 = r2 * r2;
        double p0 = (1 + r) + (0.5 + r * (1.0 / 6)) * r2;
        double p1 = (1.0 / 24 + r * (1.0 / 120)) + (1.0 / 720 + r * (1.0 / 5040)) * r2;
        double p2 = (1.0 / 40320 + r * (1.0 / 362880)) + (1.0 / 3628800 + r * (1.0 / 39916800)) * r2;
        double p = p0 + (p1 + p2 * r4) * r4;
        return p * Double.longBitsToDouble(((long) n + 1023) << 52);
    }

    private static FloatBuffer floats(NDArray a) {
        return a.stopGradient().toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /**
     * Mean–variance: outputs [9, …unit shape]: mean, second, variance (as {@link MomentEstimate#fromSamples}),
     * then ∂/∂m and ∂/∂sd of the MC mean, of the MC second moment and of the MC sample variance (at M = 1
     * the gradient of f² − 2·mean·f), as {@code reluJacobianTerms}. No gradient.
     *
     * @param alpha m/sd clipped; first, second the two proposals; xi [M, …] the noise
     */
    static NDArray meanVar(NDArray alpha, NDArray sd, RisProposal.TauLambda first, RisProposal.TauLambda second,
                           NDArray xi) {
        return run(alpha, null, sd, null, null, first, second, Draws.of(xi), Form.MOMENTS, false).values();
    }

    /**
     * As {@link #meanVar} with the default {@link RisProposal#MM_APX} proposals of both moments computed per
     * unit in double precision inside the pass ({@link #mmApx}, {@link #secondMmApx}) instead of by some
     * forty tensor operations, several of them scalar-loop selects (they took as long as the M-sample part).
     *
     * @param live the pre-activation's live mask (elsewhere the proposals are (0, 1), as the guards make them)
     */
    static NDArray meanVar(NDArray alpha, NDArray sd, NDArray live, RisConfig config, NDArray xi) {
        return run(alpha, null, sd, live, config, null, null, Draws.of(xi), Form.MOMENTS, false).values();
    }

    /**
     * The MEAN_VAR layer output as {@link MomentEstimate#finish} makes it from {@link #meanVar}'s, in the same
     * pass: values [2, …], the mean and the variance clamped at 0, and Jacobians [4, …], ∂/∂m and ∂/∂v of the mean
     * and of the unclamped variance (the straight-through gradient; ∂/∂v = (∂/∂sd)/(2 sd)); where the unit is not
     * live, relu(m) with ∂/∂m = 1{m > 0}, and a variance of 0 with no gradient. α = m/sd (float32, clipped to
     * ±{@code alphaClamp}) is formed per unit, so training needs neither α nor the second moment's terms as arrays.
     * With {@code ess}, a third value: the first moment's effective sample size as a fraction of M, (Σγ)²/(M Σγ²)
     * over the draws (as {@link RisEstimator#essFraction} per unit; 0 where not live). No gradient. Values and
     * Jacobians are separate arrays so that the backward pass keeps only the Jacobians alive.
     *
     * @param m the pre-activation mean; sd its sd; live its live mask; xi [M, …] the noise
     */
    static Finished finishedMeanVar(NDArray m, NDArray sd, NDArray live, RisConfig config, float alphaClamp, NDArray xi,
                                    boolean ess) {
        return run(null, new AlphaFromMean(floats(m), alphaClamp), sd, live, config, null, null, Draws.of(xi),
                Form.FINISHED, ess);
    }

    /**
     * {@link #finishedMeanVar(NDArray, NDArray, NDArray, RisConfig, float, NDArray, boolean)} with ξ read from
     * {@code noise} at the positions of an [M, …] array ({@code noise.array(manager, [M, …])} is that array):
     * the same outputs, bit for bit, without the array.
     */
    static Finished finishedMeanVar(NDArray m, NDArray sd, NDArray live, RisConfig config, float alphaClamp,
                                    NormalStream noise, int samples, boolean ess) {
        return run(null, new AlphaFromMean(floats(m), alphaClamp), sd, live, config, null, null,
                new Draws(null, noise, samples), Form.FINISHED, ess);
    }

    /**
     * MOMENT's ReLU output: the mean of {@link #finishedMeanVar}'s values [1, …] and its two Jacobians [2, …] (∂/∂m,
     * ∂/∂v; relu(m), 1{m > 0} and 0 where the unit is not live), with the same bits, and the ESS fraction as a second
     * value with {@code ess}. The pass computes neither the second moment's proposal nor its sums, so it costs
     * about half of {@link #finishedMeanVar}'s.
     */
    static Finished finishedMean(NDArray m, NDArray sd, NDArray live, RisConfig config, float alphaClamp,
                                 NormalStream noise, int samples, boolean ess) {
        return run(null, new AlphaFromMean(floats(m), alphaClamp), sd, live, config, null, null,
                new Draws(null, noise, samples), Form.FIRST, ess);
    }

    /** {@link #finishedMean} on the noise of an [M, …] array (tests). */
    static Finished finishedMean(NDArray m, NDArray sd, NDArray live, RisConfig config, float alphaClamp, NDArray xi,
                                 boolean ess) {
        return run(null, new AlphaFromMean(floats(m), alphaClamp), sd, live, config, null, null, Draws.of(xi),
                Form.FIRST, ess);
    }

    /**
     * A finished pass's values (the mean, the variance if computed, the ESS fraction if asked) and Jacobians (∂/∂m and
     * ∂/∂v of the mean, then of the variance), each [k, …unit shape].
     */
    record Finished(NDArray values, NDArray jacobians) {}

    /**
     * What a pass writes: the nine raw outputs of {@link #meanVar} into one array, the six of {@link #finishedMeanVar}
     * or the first moment's three of {@link #finishedMean} into values and Jacobians (each form plus the ESS fraction
     * where asked). The chunk writes output k of unit i by {@link Outputs#put}; {@code rows[k]} is k's row among the
     * values, or −1 − its row among the Jacobians.
     */
    private enum Form {
        MOMENTS(9, 0, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8}),
        FINISHED(2, 4, new int[] {0, -1, -2, 1, -3, -4, 2}),
        FIRST(1, 2, new int[] {0, -1, -2, 1});

        final int values;
        final int jacobians;
        final int[] rows;

        Form(int values, int jacobians, int[] rows) {
            this.values = values;
            this.jacobians = jacobians;
            this.rows = rows;
        }
    }

    /** The output rows of a pass, each a view of n floats of the values' or the Jacobians' array. */
    private static final class Outputs {
        private final FloatBuffer[] rows;

        Outputs(Form form, int outputs, KernelOutput values, KernelOutput jacobians, int n) {
            rows = new FloatBuffer[outputs];
            for (int k = 0; k < outputs; k++) {
                int r = form.rows[k];
                rows[k] = r >= 0 ? values.floats().slice(r * n, n) : jacobians.floats().slice((-1 - r) * n, n);
            }
        }

        void put(int k, int i, float x) {
            rows[k].put(i, x);
        }
    }

    /** The M draws of every unit, row j = ξ[j, …]: read from an array, or computed from a stream. */
    private record Draws(FloatBuffer array, NormalStream stream, int samples) {
        static Draws of(NDArray xi) {
            return new Draws(floats(xi), null, Math.toIntExact(xi.getShape().get(0)));
        }

        /** Positions [position, position + len) of the [M, n] draws into row[0 …). */
        void read(long position, float[] row, int len) {
            if (array != null) {
                array.get(Math.toIntExact(position), row, 0, len);
            } else {
                stream.fill(position, row, 0, len);
            }
        }
    }

    /** α formed in the pass as the tensor path forms it: the float32 quotient m/sd, clipped. */
    private record AlphaFromMean(FloatBuffer m, float clamp) {
        float alpha(int i, FloatBuffer sd) {
            // double division of two floats rounded to float is the correctly rounded float32 quotient
            float a = (float) ((double) m.get(i) / sd.get(i));
            return Math.max(-clamp, Math.min(clamp, a));
        }
    }

    /** Whether the proposals can be computed in the pass: the default MM_APX family. */
    static boolean computesProposals(RisConfig config) {
        return config.proposal() == RisProposal.MM_APX;
    }

    /**
     * MM_APX of the first moment for α (clipped to ±1e6), as {@link RisProposal#compute}: τ = (√(α² + 4) − α)/2
     * (2/(√(α² + 4) + α) for α ≥ 0) capped at tauMax, λ² = max(lam2Min, 1 − 1/max(α, 1e-6)²): τ, λ into
     * out[at], out[at + 1].
     */
    static void mmApx(double alpha, double lam2Min, double tauMax, double[] out, int at) {
        double root = Math.sqrt(alpha * alpha + 4);
        double tau = alpha >= 0 ? 2 / (root + alpha) : (root - alpha) * 0.5;
        double a = Math.max(alpha, 1e-6);
        out[at] = Math.min(tau, tauMax);
        out[at + 1] = Math.sqrt(Math.max(1 - 1 / (a * a), lam2Min));
    }

    /**
     * MM_APX of the second moment, as {@link RisSecondMoment#closedForm}: for α ≥ −3 the Stein forms
     * τ₂ = 2ψ/S₂, λ₂² = 1 + 2Φ/S₂ − τ₂² with S₂ = (α² + 1)Φ + αφ; below, τ₂ = (√(α² + 8) − α)/2 and
     * λ₂² = lam2Min; λ₂² floored at lam2Min and τ₂ capped at tauMax: τ₂, λ₂ into out[at], out[at + 1].
     */
    static void secondMmApx(double alpha, double lam2Min, double tauMax, double[] out, int at) {
        double tau;
        double lam2;
        if (alpha >= -3) {
            double pdf = exp(-0.5 * alpha * alpha) * INV_SQRT_2PI;
            double cdf = cdf(alpha);
            double psi = pdf + alpha * cdf;
            double s2 = (alpha * alpha + 1) * cdf + alpha * pdf;
            tau = 2 * psi / s2;
            lam2 = 2 * cdf / s2 + 1 - tau * tau;
        } else {
            tau = (Math.sqrt(alpha * alpha + 8) - alpha) * 0.5;
            lam2 = 0;
        }
        out[at] = Math.min(tau, tauMax);
        out[at + 1] = Math.sqrt(Math.max(lam2, lam2Min));
    }

    /** Φ(z) in double: the table of {@link ReluKernel} below 4 standard deviations, φ(z)·g₀ of {@link MillsTable} beyond. */
    static double cdf(double z) {
        double x = Math.abs(z);
        double lower;
        if (x < ClosedFormMoments.TAIL_START) {
            lower = ReluKernel.lowerTail(x);
        } else {
            lower = tailLower(x);
        }
        return z < 0 ? lower : 1 - lower;
    }

    /** Φ(−x) for x ≥ 4: φ(x)·g₀ of {@link MillsTable} below 38, 0 beyond. */
    static double tailLower(double x) {
        return x < 38 ? exp(-0.5 * x * x) * INV_SQRT_2PI * MillsTable.g0(x) : 0;
    }

    static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);

    private static Finished run(NDArray alpha, AlphaFromMean fromMean, NDArray sd, NDArray live, RisConfig config,
                                RisProposal.TauLambda first, RisProposal.TauLambda second, Draws xi, Form form,
                                boolean ess) {
        int n = Math.toIntExact(sd.size());
        int samples = xi.samples();
        Inputs in = new Inputs(alpha == null ? null : floats(alpha), fromMean, floats(sd), xi,
                first == null ? null : floats(first.tau()), first == null ? null : floats(first.lambda()),
                second == null ? null : floats(second.tau()), second == null ? null : floats(second.lambda()),
                live == null ? null : live.toByteBuffer(true), config, form, ess);
        int values = form.values + (ess ? 1 : 0);
        KernelOutput valueArray = KernelOutput.allocate(sd.getManager(), new Shape(values).addAll(sd.getShape()));
        KernelOutput jacobianArray = form.jacobians == 0 ? null
                : KernelOutput.allocate(sd.getManager(), new Shape(form.jacobians).addAll(sd.getShape()));
        Outputs out = new Outputs(form, values + form.jacobians, valueArray, jacobianArray, n);
        int chunks = (n + CHUNK - 1) / CHUNK;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = c * CHUNK;
            chunk(from, Math.min(n, from + CHUNK) - from, n, samples, in, out);
        });
        return new Finished(valueArray.array(), jacobianArray == null ? null : jacobianArray.array());
    }

    /**
     * The kernel's inputs: per-unit α (given, or formed from m), sd, ξ [M, n], and either given proposals or
     * (live, config) to compute them; the outputs to write, and whether to add the ESS fraction.
     */
    private record Inputs(FloatBuffer alpha, AlphaFromMean fromMean, FloatBuffer sd, Draws xi, FloatBuffer tau1,
                          FloatBuffer lam1, FloatBuffer tau2, FloatBuffer lam2, ByteBuffer live, RisConfig config,
                          Form form, boolean ess) {
        double alpha(int i) {
            return alpha != null ? alpha.get(i) : fromMean.alpha(i, sd);
        }
    }

    /**
     * Units [from, from + len): per-unit constants first, then the M draws row by row ({@link RisRows}:
     * each row of ξ is contiguous and its units are independent), then the outputs.
     */
    private static void chunk(int from, int len, int n, int samples, Inputs in, Outputs out) {
        Scratch scratch = SCRATCH.get();
        RisRows rows = scratch.rows;
        rows.reset(len);
        RisUnits units = scratch.units;
        for (int u = 0; u < len; u++) {
            int i = from + u;
            double a = in.alpha(i);
            units.alpha[u] = a;
            units.sd[u] = in.sd().get(i);
            units.fixed[u] = false;
            if (in.config() == null) {
                units.fix(u, in.tau1().get(i), in.lam1().get(i), in.tau2().get(i), in.lam2().get(i));
            } else if (in.live().get(i) == 0 || !Double.isFinite(a)) {
                units.fix(u, 0f, 1f, 0f, 1f);       // not live: the guards' (0, 1)
            }
        }
        boolean firstOnly = in.form() == Form.FIRST;
        if (in.config() != null && firstOnly) {
            units.firstProposals(len, in.config().lam2Min(), in.config().tauMax());
        } else if (in.config() != null) {
            units.proposals(len, in.config().lam2Min(), in.config().tauMax());
        }
        units.constants(rows, len);
        float[] row = scratch.row;
        double[] xi = scratch.xi;
        double[] weights = in.ess() ? scratch.zeroedWeights(len) : null;     // Σγ₁ and Σγ₁² (up to a per-unit factor)
        double[] squaredWeights = in.ess() ? scratch.squaredWeights : null;
        Draws x = in.xi();
        for (int j = 0; j < samples; j++) {
            x.read((long) j * n + from, row, len);
            for (int u = 0; u < len; u++) {
                xi[u] = row[u];
            }
            if (firstOnly) {
                rows.accumulateFirst(xi);
            } else {
                rows.accumulate(xi);
            }
            if (weights != null) {
                for (int u = 0; u < len; u++) {
                    double w = exp(xi[u] * (rows.c21[u] * xi[u] + rows.c11[u]));
                    weights[u] += w;
                    squaredWeights[u] += w * w;
                }
            }
        }
        double[] factor1 = rows.factor1;
        double[] factor2 = rows.factor2;
        double[] sum1 = rows.sum1;
        double[] squares1 = rows.squares1;
        double[] sum2 = rows.sum2;
        double[] on = rows.on;
        double[] onXi = rows.onXi;
        double[] f = rows.f;
        double[] fXi = rows.fXi;
        double inv = 1.0 / samples;
        for (int u = 0; u < len; u++) {
            int i = from + u;
            double mean = factor1[u] * sum1[u] * inv;
            double jm1 = on[u] * inv;
            double jsd1 = onXi[u] * inv;
            double sd = in.sd().get(i);
            if (firstOnly) {
                writeFirst(i, in, out, (float) mean, (float) jm1, (float) (jsd1 / (2 * sd)));
                if (weights != null) {
                    out.put(3, i, (float) essFraction(in.live().get(i) != 0, weights[u], squaredWeights[u], samples));
                }
                continue;
            }
            double about = factor2[u] * sum2[u] * inv;
            double variance = about - mean * mean;
            if (samples > 1) {
                // Σ(y − ȳ)² from the sums in double (the relative rounding 1e-16·Σy²/spread stays far below float32)
                double spread = Math.max(squares1[u] - sum1[u] * sum1[u] * inv, 0);
                variance += factor1[u] * factor1[u] * spread / (samples * (samples - 1.0));
            }
            double fBar = f[u] * inv * sd;
            double jm2 = 2 * fBar;
            double jsd2 = 2 * sd * fXi[u] * inv;
            double centre = samples > 1 ? fBar : mean;
            double c = samples > 1 ? samples / (samples - 1.0) : 1;
            if (in.form() == Form.FINISHED) {
                writeFinished(i, in, out, (float) mean, (float) jm1, (float) (jsd1 / (2 * sd)), (float) variance,
                        (float) (c * (jm2 - 2 * centre * jm1)), (float) (c * (jsd2 - 2 * centre * jsd1) / (2 * sd)));
                if (weights != null) {
                    out.put(6, i, (float) essFraction(in.live().get(i) != 0, weights[u], squaredWeights[u], samples));
                }
                continue;
            }
            out.put(0, i, (float) mean);
            out.put(1, i, (float) about);
            out.put(2, i, (float) variance);
            out.put(3, i, (float) jm1);
            out.put(4, i, (float) jsd1);
            out.put(5, i, (float) jm2);
            out.put(6, i, (float) jsd2);
            out.put(7, i, (float) (c * (jm2 - 2 * centre * jm1)));
            out.put(8, i, (float) (c * (jsd2 - 2 * centre * jsd1)));
        }
    }

    /** (Σγ)²/(M Σγ²) of a live unit, 0 for one that is not. */
    private static double essFraction(boolean live, double weights, double squaredWeights, int samples) {
        return live ? weights * weights / (samples * squaredWeights) : 0;
    }

    /** One thread's rows, noise row and ESS sums, for chunks of up to {@link #CHUNK} units. */
    private static final class Scratch {
        final RisRows rows = new RisRows(CHUNK);
        final RisUnits units = new RisUnits(CHUNK);
        final float[] row = new float[CHUNK];
        final double[] xi = new double[CHUNK];
        final double[] weights = new double[CHUNK];
        final double[] squaredWeights = new double[CHUNK];

        /** The ESS sums, set to 0 for {@code len} units; returns {@link #weights}. */
        double[] zeroedWeights(int len) {
            java.util.Arrays.fill(weights, 0, len, 0.0);
            java.util.Arrays.fill(squaredWeights, 0, len, 0.0);
            return weights;
        }
    }

    /**
     * {@link MomentEstimate#finish} for one unit, on the float32 values the nine-output form would hold: live,
     * the mean and its Jacobians, max(variance, 0) with the unclamped variance's; not live, relu(m) with ∂/∂m =
     * 1{m > 0} (as relu's gradient) and a variance of 0 without gradient. Jacobians in (m, v).
     */
    private static void writeFinished(int i, Inputs in, Outputs out, float mean, float jm, float jv, float variance,
                                      float jvm, float jvv) {
        if (in.live().get(i) != 0) {
            out.put(0, i, mean);
            out.put(1, i, jm);
            out.put(2, i, jv);
            out.put(3, i, Math.max(variance, 0f));
            out.put(4, i, jvm);
            out.put(5, i, jvv);
            return;
        }
        writeNotLive(i, in, out);
        out.put(3, i, 0f);
        out.put(4, i, 0f);
        out.put(5, i, 0f);
    }

    /** {@link #writeFinished}'s first three outputs. */
    private static void writeFirst(int i, Inputs in, Outputs out, float mean, float jm, float jv) {
        if (in.live().get(i) != 0) {
            out.put(0, i, mean);
            out.put(1, i, jm);
            out.put(2, i, jv);
            return;
        }
        writeNotLive(i, in, out);
    }

    /** relu(m), 1{m > 0} and 0 for a unit that is not live. */
    private static void writeNotLive(int i, Inputs in, Outputs out) {
        float m = in.fromMean().m().get(i);
        out.put(0, i, m > 0 ? m : m == m ? 0f : m);   // relu(NaN) stays NaN, as in the engine
        out.put(1, i, m > 0 ? 1f : 0f);
        out.put(2, i, 0f);
    }
}
