package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;

/**
 * Standard-normal noise as a pure function of (key, position): a counter-based generator, so any slice of the
 * stream can be computed on any thread in any order and the draws do not depend on the thread count or the
 * chunking. PyTorch's CPU normal generator is single-threaded (about 4.3 ns per float here), and RIS at
 * M = 10 draws 241 M of them per ResNet-20 step; this one runs lane-wise ({@link NormalStreamVector}, about
 * 1.6 ns per float on one core, measured) and in parallel, and the fused RIS kernel reads it without an [M, …]
 * array at all.
 *
 * <p>The stream: pair p (p = 0, 1, …) takes h = SplitMix64's output function of key + γ·(p + 1) (γ the golden
 * ratio increment: exactly the sequence {@link java.util.SplittableRandom} produces from seed {@code key}), and
 * by Box–Muller u₁ = (⌊h / 2⁴⁰⌋ + 1)/2²⁴ ∈ (0, 1], θ = 2π·(h mod 2²⁴)/2²⁴, r = √(−2 ln u₁) makes r·cos θ and
 * r·sin θ. In block b of 16 positions the pairs 8b … 8b + 7 give positions 16b + k (cosines) and 16b + 8 + k
 * (sines), which is the order the lane-wise version writes them. ln, cos and sin are float32 polynomials of
 * + − × ÷ and √ only (errors below 1e-8 absolute, far under float rounding), so the plain and the lane-wise
 * code give the same bits. |ξ| ≤ √(2·24·ln 2) ≈ 5.77: the tails beyond (probability 8e-9) are cut.
 *
 * <p>The key comes from the engine's seeded generator ({@link #draw}), which the trainer re-seeds from
 * (seed, step) before every step: runs stay seeded by the one seed and resume bit for bit.
 */
public final class NormalStream {
    static final long GAMMA = 0x9E3779B97F4A7C15L;
    static final float TWO_TO_MINUS_24 = 0x1p-24f;
    static final float LN2 = 0.6931471805599453f;
    static final float HALF_PI = 1.5707963267948966f;
    /** Positions per parallel chunk of {@link #array}. */
    private static final int CHUNK = 1 << 16;

    /** Per-thread row of {@link #array}: filling allocates nothing. */
    private static final ThreadLocal<float[]> ROW = ThreadLocal.withInitial(() -> new float[CHUNK]);

    private final long key;

    /**
     * The stream of a given key.
     *
     * @param key any long; different keys give (for all practical purposes) unrelated streams
     */
    public NormalStream(long key) {
        this.key = key;
    }

    /**
     * A stream keyed by one draw of the engine's generator in {@code manager}, so it is seeded as every other
     * draw of the step is.
     *
     * @param manager where to draw the key
     * @return a new stream
     */
    public static NormalStream draw(NDManager manager) {
        try (NDArray k = manager.randomInteger(0, Long.MAX_VALUE, new Shape(1), DataType.INT64)) {
            return new NormalStream(k.getLong(0));
        }
    }

    /**
     * Fresh standard-normal noise of {@code shape}: on a float32 CPU manager from a new {@link NormalStream}
     * (filled in parallel, straight into the engine array), elsewhere from the engine's own generator.
     *
     * @param manager the manager (and device) of the result
     * @param shape the shape
     * @return the noise, float32
     */
    public static NDArray standardNormal(NDManager manager, Shape shape) {
        if (!"cpu".equals(manager.getDevice().getDeviceType())) {
            return manager.randomNormal(shape);
        }
        return draw(manager).array(manager, shape);
    }

    /** @return the key */
    public long key() {
        return key;
    }

    /**
     * Positions [0, shape.size()) of the stream as a float32 array of {@code shape}, in row-major order.
     *
     * @param manager the (CPU) manager of the result
     * @param shape the shape
     * @return the array
     */
    public NDArray array(NDManager manager, Shape shape) {
        long size = shape.size();
        KernelOutput out = KernelOutput.allocate(manager, shape);
        FloatBuffer view = out.floats();
        int chunks = Math.toIntExact((size + CHUNK - 1) / CHUNK);
        IntStream.range(0, chunks).parallel().forEach(c -> {
            long from = (long) c * CHUNK;
            int len = (int) Math.min(CHUNK, size - from);
            float[] row = ROW.get();
            fill(from, row, 0, len);
            view.duplicate().position((int) from).put(row, 0, len);
        });
        return out.array();
    }

    /**
     * Positions [first, first + len) of the stream into {@code out[offset …)}, lane-wise where the Vector API is
     * present (the same bits either way).
     *
     * @param first the first position, ≥ 0
     * @param out where to write
     * @param offset the index in {@code out} of position {@code first}
     * @param len how many
     */
    public void fill(long first, float[] out, int offset, int len) {
        if (RisRows.VECTOR) {
            NormalStreamVector.fill(key, first, out, offset, len);
        } else {
            fillScalar(first, out, offset, len);
        }
    }

    /** {@link #fill} in plain Java, the reference the lane-wise version is tested against. */
    void fillScalar(long first, float[] out, int offset, int len) {
        fillScalar(key, first, out, offset, len);
    }

    static void fillScalar(long key, long first, float[] out, int offset, int len) {
        for (int i = 0; i < len; i++) {
            long position = first + i;
            long pair = ((position >>> 4) << 3) + (position & 7);
            out[offset + i] = value(key, pair, (position & 8) != 0);
        }
    }

    /** One value: pair {@code pair}'s cosine or sine. */
    private static float value(long key, long pair, boolean sine) {
        long h = mix(key + GAMMA * (pair + 1));
        float r = radius((int) (h >>> 40));
        int angle = (int) (h & 0xFFFFFF);
        int quadrant = angle >>> 22;
        float phi = (angle & 0x3FFFFF) * 0x1p-22f * HALF_PI;
        float c = cos(phi);
        float s = sin(phi);
        // rotate (cos φ, sin φ) by quadrant·π/2
        float x = quadrant == 0 ? c : quadrant == 1 ? -s : quadrant == 2 ? -c : s;
        float y = quadrant == 0 ? s : quadrant == 1 ? c : quadrant == 2 ? -s : -c;
        return r * (sine ? y : x);
    }

    /** SplitMix64's output function. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** √(−2 ln u₁) for u₁ = (a + 1)/2²⁴, a ∈ [0, 2²⁴); ln is capped at 0 against the polynomial's rounding. */
    static float radius(int a) {
        float x = a + 1;                        // exact: a + 1 ≤ 2²⁴
        int bits = Float.floatToRawIntBits(x);
        int exponent = (bits >>> 23) - 127;
        float m = Float.intBitsToFloat((bits & 0x7FFFFF) | 0x3F800000);   // x = 2^exponent · m, m ∈ [1, 2)
        float ln = Math.min((exponent - 24) * LN2 + lnMantissa(m), 0f);
        return (float) Math.sqrt(-2f * ln);      // the correctly rounded float root, as the lane-wise one
    }

    /** ln m for m ∈ [1, 2): 2·atanh(s), s = (m − 1)/(m + 1) ∈ [0, 1/3), eight terms (error < 5e-9). */
    static float lnMantissa(float m) {
        float s = (m - 1f) / (m + 1f);
        float s2 = s * s;
        float p = LN[0];
        for (int k = 1; k < LN.length; k++) {
            p = p * s2 + LN[k];
        }
        return 2f * s * p;
    }

    /** sin φ for φ ∈ [0, π/2): Taylor to φ¹³, nested (error < 7e-10). */
    static float sin(float phi) {
        float q = phi * phi;
        float p = 1f;
        for (float c : SIN) {
            p = 1f - q * c * p;
        }
        return phi * p;
    }

    /** cos φ for φ ∈ [0, π/2): Taylor to φ¹⁴, nested (error < 7e-11). */
    static float cos(float phi) {
        float q = phi * phi;
        float p = 1f;
        for (float c : COS) {
            p = 1f - q * c * p;
        }
        return p;
    }

    /** 1/15, 1/13, …, 1/3, 1: the atanh series' coefficients, highest first. */
    static final float[] LN = {1f / 15, 1f / 13, 1f / 11, 1f / 9, 1f / 7, 1f / 5, 1f / 3, 1f};
    /** sin φ = φ(1 − φ²/(2·3)(1 − φ²/(4·5)(… (1 − φ²/(12·13))))): the reciprocals, innermost first. */
    static final float[] SIN = {1f / 156, 1f / 110, 1f / 72, 1f / 42, 1f / 20, 1f / 6};
    /** cos φ = 1 − φ²/(1·2)(1 − φ²/(3·4)(… (1 − φ²/(13·14)))): the reciprocals, innermost first. */
    static final float[] COS = {1f / 182, 1f / 132, 1f / 90, 1f / 56, 1f / 30, 1f / 12, 1f / 2};
}
