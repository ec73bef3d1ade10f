package io.risbnn.method.swag;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.risbnn.RisbnnException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What SWAG keeps of the iterates θ₁ … θ_n it collects, in double precision: the running first and
 * second moments θ̄ = (1/n) Σ θ_i and θ²̄ = (1/n) Σ θ_i², and the last K deviations D_i = θ_i − θ̄_i from
 * the mean <em>after</em> adding θ_i (Maddox et al. 2019, Algorithm 1; the reference code does the same),
 * in a ring buffer: the i-th collection (0-based) goes to slot i mod K. K = 0 keeps no deviations
 * (SWAG-diagonal).
 *
 * <p>The moments are updated as θ̄ ← θ̄·n/(n+1) + θ/(n+1), so a restored copy continues with exactly the
 * same doubles.
 */
public final class SwagMoments {
    /** Floor of the diagonal variance θ²̄ − θ̄², which rounding can make ≤ 0 (the reference clamps at 1e-30). */
    public static final double VARIANCE_FLOOR = 1e-30;

    static final String MEAN = "swag_mean";
    static final String SQUARE_MEAN = "swag_square_mean";
    static final String DEVIATIONS = "swag_deviations";
    static final String COUNT = "swag_count";

    private final int size;
    private final int rank;
    private final double[] mean;
    private final double[] squareMean;
    private final double[][] deviations;
    private long count;

    /**
     * Empty moments of a P-dimensional θ keeping the last {@code rank} deviations.
     *
     * @param size P, ≥ 1
     * @param rank K, ≥ 0
     * @throws IllegalArgumentException if {@code size} &lt; 1 or {@code rank} &lt; 0
     */
    public SwagMoments(int size, int rank) {
        if (size < 1 || rank < 0) {
            throw new IllegalArgumentException("size " + size + ", rank " + rank);
        }
        this.size = size;
        this.rank = rank;
        this.mean = new double[size];
        this.squareMean = new double[size];
        this.deviations = new double[rank][size];
    }

    /**
     * Adds one iterate θ.
     *
     * @param theta the iterate, length P
     * @throws IllegalArgumentException if {@code theta} is not of length P
     */
    public void collect(double[] theta) {
        if (theta.length != size) {
            throw new IllegalArgumentException("θ has " + theta.length + " values, the moments " + size);
        }
        double keep = count / (count + 1.0);
        double add = 1.0 / (count + 1.0);
        for (int p = 0; p < size; p++) {
            mean[p] = mean[p] * keep + theta[p] * add;
            squareMean[p] = squareMean[p] * keep + theta[p] * theta[p] * add;
        }
        if (rank > 0) {
            double[] slot = deviations[(int) (count % rank)];
            for (int p = 0; p < size; p++) {
                slot[p] = theta[p] - mean[p];
            }
        }
        count++;
    }

    /**
     * n, the iterates collected.
     *
     * @return n
     */
    public long count() {
        return count;
    }

    /**
     * P, the length of θ.
     *
     * @return P
     */
    public int size() {
        return size;
    }

    /**
     * K, the deviations kept at most.
     *
     * @return K
     */
    public int rank() {
        return rank;
    }

    /**
     * The columns of D filled: min(n, K).
     *
     * @return the number of deviations held
     */
    public int columns() {
        return (int) Math.min(count, rank);
    }

    /**
     * θ̄ (the SWA weights); the array itself, do not modify.
     *
     * @return the running mean, length P
     */
    public double[] mean() {
        return mean;
    }

    /**
     * θ²̄; the array itself, do not modify.
     *
     * @return the running mean of squares, length P
     */
    public double[] squareMean() {
        return squareMean;
    }

    /**
     * Column k of D (slot k of the ring, k &lt; {@link #columns}); the array itself, do not modify.
     *
     * @param k the slot, in [0, {@link #columns()})
     * @return the deviation θ − θ̄ stored there, length P
     * @throws IndexOutOfBoundsException if {@code k} is out of range
     */
    public double[] deviation(int k) {
        if (k < 0 || k >= columns()) {
            throw new IndexOutOfBoundsException("deviation " + k + " of " + columns());
        }
        return deviations[k];
    }

    /**
     * Σ_diag = max(θ²̄ − θ̄², {@value #VARIANCE_FLOOR}).
     *
     * @return a fresh array of the diagonal variances, length P
     */
    public double[] diagonalVariance() {
        double[] out = new double[size];
        for (int p = 0; p < size; p++) {
            out[p] = Math.max(squareMean[p] - mean[p] * mean[p], VARIANCE_FLOOR);
        }
        return out;
    }

    /**
     * The moments as named float64/int64 arrays in {@code manager}, for a checkpoint.
     *
     * @param manager where the arrays are created
     * @return the arrays by name
     */
    public Map<String, NDArray> state(NDManager manager) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        out.put(MEAN, manager.create(mean));
        out.put(SQUARE_MEAN, manager.create(squareMean));
        double[] flat = new double[Math.multiplyExact(rank, size)];
        for (int k = 0; k < rank; k++) {
            System.arraycopy(deviations[k], 0, flat, k * size, size);
        }
        out.put(DEVIATIONS, manager.create(flat, new Shape(rank, size)));
        out.put(COUNT, manager.create(new long[] {count}));
        return out;
    }

    /**
     * Whether a method state holds SWAG moments.
     *
     * @param state a method's checkpoint arrays
     * @return true if the SWAG mean is among them
     */
    public static boolean isIn(Map<String, NDArray> state) {
        return state.containsKey(MEAN);
    }

    /**
     * The moments {@link #state} wrote, bit for bit.
     *
     * @param state the arrays by name
     * @return the restored moments
     * @throws io.risbnn.RisbnnException if an array is missing
     */
    public static SwagMoments restore(Map<String, NDArray> state) {
        for (String name : new String[] {MEAN, SQUARE_MEAN, DEVIATIONS, COUNT}) {
            if (!state.containsKey(name)) {
                throw new RisbnnException("checkpoint: SWAG state lacks method/" + name);
            }
        }
        NDArray d = state.get(DEVIATIONS);
        double[] mean = doubles(state.get(MEAN));
        int rank = Math.toIntExact(d.getShape().get(0));
        SwagMoments out = new SwagMoments(mean.length, rank);
        System.arraycopy(mean, 0, out.mean, 0, mean.length);
        double[] squareMean = doubles(state.get(SQUARE_MEAN));
        double[] flat = doubles(d);
        if (squareMean.length != mean.length || flat.length != (long) rank * mean.length) {
            throw new RisbnnException("checkpoint: SWAG state arrays disagree in size (" + mean.length + ", "
                    + squareMean.length + ", " + d.getShape() + ")");
        }
        System.arraycopy(squareMean, 0, out.squareMean, 0, mean.length);
        for (int k = 0; k < rank; k++) {
            System.arraycopy(flat, k * mean.length, out.deviations[k], 0, mean.length);
        }
        out.count = state.get(COUNT).toType(DataType.INT64, false).toLongArray()[0];
        return out;
    }

    private static double[] doubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }
}
