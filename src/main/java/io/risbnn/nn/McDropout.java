package io.risbnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.risbnn.RisbnnException;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.objective.Objective;
import io.risbnn.tensor.Scalars;

/**
 * Inverted dropout for MC dropout (Gal &amp; Ghahramani 2016): every unit is kept with probability
 * 1 − p and scaled by 1/(1 − p), so E[output] = input. What the mask is shared by follows the pass:
 * <ul>
 *   <li><b>training</b> ({@code training = true}): an independent mask per row, as in ordinary dropout
 *       (each row of the M·B stacked streams is its own thinned network);</li>
 *   <li><b>evaluation under ELBO</b>: the batch holds S stacked sampled networks, stream-major
 *       [S·B, …] ({@link io.risbnn.model.BayesianModel#forward}); a mask of shape [S, 1, units…] is
 *       drawn and broadcast over the B rows, so network j is one thinned network applied to every
 *       example. The draw's shape does not depend on B and comes from the engine's generator, like the
 *       mc-shared weight noise: re-seeding the engine before every chunk of rows
 *       ({@link io.risbnn.eval.Predictive#sampled}) gives the same S networks for every chunk;</li>
 *   <li><b>MOMENT and MEAN_VAR</b>: the identity — the deterministic passes are the "mean network" of
 *       the weight-scaling rule (E over masks of an inverted-dropout layer's input is its input).</li>
 * </ul>
 * The block has no parameters, so inserting it does not change parameter names of the layers.
 */
public final class McDropout extends AbstractBlock {
    private static final byte VERSION = 1;

    private final double rate;

    /** @param rate probability p of dropping a unit, in [0, 1) */
    public McDropout(double rate) {
        super(VERSION);
        if (!(rate >= 0 && rate < 1)) {
            throw new RisbnnException("dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
    }

    /**
     * Appends a dropout block of rate p to {@code net} (before its next weight layer) when p &gt; 0.
     *
     * @param net the network being built
     * @param rate the drop probability p, in [0, 1); 0 adds nothing
     * @throws RisbnnException if {@code rate} is positive but not below 1
     */
    public static void addIfPositive(SequentialBlock net, double rate) {
        if (rate > 0) {
            net.add(new McDropout(rate));
        }
    }

    /**
     * The probability that a unit is dropped.
     *
     * @return p, in [0, 1)
     */
    public double rate() {
        return rate;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        ForwardContext ctx = ForwardContext.from(params);
        if (rate == 0 || ctx.objective() != Objective.ELBO) {
            return inputs;      // MOMENT / MEAN_VAR (a (mean, variance) pair passes unchanged): the mean network
        }
        NDArray x = inputs.singletonOrThrow();
        return VariationalBlock.freeingIntermediates(inputs, () -> new NDList(x.mul(mask(x, training, ctx.samples()))));
    }

    /** Keep indicators scaled by 1/(1 − p), in x's type, of x's shape (training) or per network broadcast over rows. */
    private NDArray mask(NDArray x, boolean training, int networks) {
        Shape shape = x.getShape();
        Shape drawn;
        if (training) {
            drawn = shape;
        } else {
            long rows = shape.get(0);
            if (rows % networks != 0) {
                throw new RisbnnException("MC dropout: " + rows + " rows are not " + networks + " stacked networks");
            }
            drawn = new Shape(networks, 1).addAll(shape.slice(1));
        }
        NDArray keep = x.getManager().randomUniform(0f, 1f, drawn).gte((float) rate).toType(x.getDataType(), false);
        NDArray scaled = Scalars.mul(keep, 1.0 / (1.0 - rate));
        if (training) {
            return scaled;
        }
        Shape perNetwork = new Shape(networks, shape.get(0) / networks).addAll(shape.slice(1));
        return scaled.broadcast(perNetwork).reshape(shape);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    public String toString() {
        return "McDropout(p = " + rate + ")";
    }
}
