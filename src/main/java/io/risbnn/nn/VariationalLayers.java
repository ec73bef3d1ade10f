package io.risbnn.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import io.risbnn.variational.Prior;
import java.util.ArrayList;
import java.util.List;

/** Finds the variational layers inside any DJL block tree and sums their KL terms. */
public final class VariationalLayers {
    private VariationalLayers() {}

    /**
     * Every variational layer in the tree under {@code root}, in depth-first order.
     *
     * @param root any DJL block (it may itself be a variational layer)
     * @return the layers found, possibly none
     */
    public static List<VariationalBlock> find(Block root) {
        List<VariationalBlock> found = new ArrayList<>();
        collect(root, found);
        return found;
    }

    private static void collect(Block block, List<VariationalBlock> found) {
        if (block instanceof VariationalBlock v) {
            found.add(v);
        }
        for (Block child : block.getChildren().values()) {
            collect(child, found);
        }
    }

    /**
     * Σ_l KL(q_l‖p) over every variational layer below {@code root}: the KL term of the ELBO.
     *
     * @param root any DJL block
     * @param prior the prior of every weight
     * @return a scalar, differentiable in every layer's μ and ρ
     * @throws IllegalArgumentException if the tree has no variational layer
     */
    public static NDArray kl(Block root, Prior prior) {
        NDArray total = null;
        for (VariationalBlock layer : find(root)) {
            NDArray kl = layer.kl(prior);
            total = total == null ? kl : total.add(kl);
        }
        if (total == null) {
            throw new IllegalArgumentException("the model has no variational layer");
        }
        return total;
    }
}
