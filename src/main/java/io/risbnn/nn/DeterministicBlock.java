package io.risbnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.risbnn.RisbnnException;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.MeanVar;
import io.risbnn.tensor.Scalars;
import io.risbnn.objective.Objective;

/**
 * A deterministic DJL block (flatten, pooling, ReLU, BatchNorm, …) placed between variational layers,
 * with its meaning under each objective made explicit:
 * <ul>
 *   <li>ELBO: the batch holds M stacked network streams and the block applies to every row — exact.</li>
 *   <li>MOMENT: the block is applied to the propagated first moment. That is exact for maps that are
 *       linear in their input ({@link Kind#LINEAR}: flatten, average pooling, BatchNorm with frozen
 *       statistics) and only an approximation δ(E z) ≠ E δ(z) for nonlinear ones
 *       ({@link Kind#NONLINEAR}: ReLU, max pooling), which are refused under MOMENT unless the
 *       approximation was asked for. A variational layer's own fused activation is estimated
 *       properly instead.</li>
 *   <li>MEAN_VAR: the block maps the mean and the variance of independent units. A block built with a
 *       {@link VarianceRule} applies the wrapped block to the means and to the variances and scales the
 *       latter: exact for a reshape (flatten, factor 1), and for the average of n independent units the
 *       variance is mean(v)/n (average pooling, global average pooling). Neighbouring units of a
 *       convolution's output are correlated through shared inputs, so the pooled variance is an
 *       approximation there (measured in {@code docs/mean-var.md}). Blocks without a rule, and every
 *       nonlinear block, are refused.</li>
 * </ul>
 */
public final class DeterministicBlock extends AbstractBlock {
    /** Whether the wrapped block is linear in its input (exact on first moments). */
    public enum Kind {
        /** Linear: first moments pass through it exactly. */
        LINEAR,
        /** Nonlinear: refused under the first-moment objective. */
        NONLINEAR,
        /** Nonlinear, but applied to the means under the first-moment objective as a stated approximation. */
        NONLINEAR_APPROXIMATE_UNDER_MOMENT
    }

    private static final byte VERSION = 1;
    /** Under MEAN_VAR: output variance = inner(v) × factor(input shape). */
    @FunctionalInterface
    public interface VarianceRule {
        /**
         * The factor the wrapped block's output variance is scaled by, for an input of this shape.
         *
         * @param inputShape the shape of the variance array entering the block, e.g. [B, C, H, W]
         * @return the factor, e.g. 1 for a reshape or 1/(H·W) for global average pooling
         */
        double factor(Shape inputShape);
    }

    private final Block inner;
    private final Kind kind;
    private final VarianceRule varianceRule;

    /**
     * Wraps {@code inner}, which is of the given kind and has no variance rule (so it is refused under mean-var).
     *
     * @param inner the deterministic DJL block
     * @param kind whether it is linear in its input, which decides how it is treated under MOMENT
     */
    public DeterministicBlock(Block inner, Kind kind) {
        this(inner, kind, null);
    }

    private DeterministicBlock(Block inner, Kind kind, VarianceRule varianceRule) {
        super(VERSION);
        this.inner = addChildBlock("inner", inner);
        this.kind = kind;
        this.varianceRule = varianceRule;
    }

    /**
     * A reshape (flatten): variances move with their means.
     *
     * @param inner the reshaping block, e.g. DJL's flatten
     * @return a LINEAR block valid under every objective
     */
    public static DeterministicBlock reshaping(Block inner) {
        return new DeterministicBlock(inner, Kind.LINEAR, shape -> 1.0);
    }

    /**
     * Average pooling over windows of {@code windowSize} units: variance avg(v)/windowSize under independence.
     *
     * @param inner the average-pooling block
     * @param windowSize the number of units averaged per output (e.g. 4 for 2×2 windows), &gt; 0
     * @return a LINEAR block valid under every objective
     */
    public static DeterministicBlock averaging(Block inner, long windowSize) {
        return new DeterministicBlock(inner, Kind.LINEAR, shape -> 1.0 / windowSize);
    }

    /**
     * Global average pooling of [B, C, H, W]: variance avg(v)/(H·W) under independence.
     *
     * @param inner the global-average-pooling block
     * @return a LINEAR block valid under every objective
     */
    public static DeterministicBlock globalAveraging(Block inner) {
        return new DeterministicBlock(inner, Kind.LINEAR, shape -> 1.0 / (shape.get(2) * shape.get(3)));
    }

    /**
     * A linear block without a variance rule (exact under moment, refused under mean-var).
     *
     * @param inner a block linear in its input, e.g. BatchNorm with frozen statistics
     * @return a LINEAR block
     */
    public static DeterministicBlock linear(Block inner) {
        return new DeterministicBlock(inner, Kind.LINEAR);
    }

    /**
     * A nonlinear block (refused under moment and mean-var, where first moments do not pass through it).
     *
     * @param inner a nonlinear block, e.g. ReLU or max pooling
     * @return a NONLINEAR block, usable under ELBO only
     */
    public static DeterministicBlock nonlinear(Block inner) {
        return new DeterministicBlock(inner, Kind.NONLINEAR);
    }

    /**
     * Whether the wrapped block is linear, which decides whether it is accepted under MOMENT.
     *
     * @return the block's kind
     */
    public Kind kind() {
        return kind;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        ForwardContext ctx = ForwardContext.from(params);
        if (ctx.objective() == Objective.MOMENT && kind == Kind.NONLINEAR) {
            throw new RisbnnException("deterministic block " + inner.getClass().getSimpleName()
                    + " is nonlinear: under --objective moment fuse the activation into the variational layer,"
                    + " or wrap it as NONLINEAR_APPROXIMATE_UNDER_MOMENT to accept δ(E z) as an approximation");
        }
        if (ctx.objective() == Objective.MEAN_VAR) {
            if (varianceRule == null) {
                throw new RisbnnException("deterministic block " + inner.getClass().getSimpleName()
                        + " has no rule for variances: --objective mean-var supports flatten and average pooling between"
                        + " variational layers (" + (kind == Kind.LINEAR ? "a general linear block" : "a nonlinear block")
                        + " is not supported)");
            }
            MeanVar in = MeanVars.of(inputs, "deterministic block " + inner.getClass().getSimpleName());
            NDArray mean = inner.forward(store, new NDList(in.mean()), training, params).singletonOrThrow();
            NDArray variance = inner.forward(store, new NDList(in.variance()), training, params).singletonOrThrow();
            variance = Scalars.mul(variance, varianceRule.factor(in.variance().getShape()));
            return new NDList(mean, variance);
        }
        return inner.forward(store, inputs, training, params);
    }

    @Override
    public void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        inner.initialize(manager, dataType, inputShapes);
    }

    @Override
    public void setInitializer(Initializer initializer, ai.djl.nn.Parameter.Type type) {
        inner.setInitializer(initializer, type);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inner.getOutputShapes(inputShapes);
    }
}
