package io.risbnn.nn;

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
 * </ul>
 */
public final class DeterministicBlock extends AbstractBlock {
    /** Whether the wrapped block is linear in its input (exact on first moments). */
    public enum Kind { LINEAR, NONLINEAR, NONLINEAR_APPROXIMATE_UNDER_MOMENT }

    private static final byte VERSION = 1;
    private final Block inner;
    private final Kind kind;

    public DeterministicBlock(Block inner, Kind kind) {
        super(VERSION);
        this.inner = addChildBlock("inner", inner);
        this.kind = kind;
    }

    public static DeterministicBlock linear(Block inner) {
        return new DeterministicBlock(inner, Kind.LINEAR);
    }

    public static DeterministicBlock nonlinear(Block inner) {
        return new DeterministicBlock(inner, Kind.NONLINEAR);
    }

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
