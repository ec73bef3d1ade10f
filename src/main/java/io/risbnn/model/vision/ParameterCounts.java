package io.risbnn.model.vision;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import io.risbnn.nn.VariationalBlock;
import io.risbnn.nn.VariationalLayers;

/**
 * Sizes of an initialised Bayesian network, comparable with the usual figures for its deterministic
 * counterpart: the "weights" of a variational layer are its means (one μ per weight and bias, ρ
 * doubles the count), and BatchNorm contributes its γ and β (running statistics are not counted, as
 * in the usual parameter counts).
 */
public final class ParameterCounts {
    private ParameterCounts() {}

    /**
     * μ and ρ of every variational weight and bias.
     *
     * @param network an initialised network
     * @return the number of variational parameters
     */
    public static long variational(Block network) {
        return VariationalLayers.find(network).stream().mapToLong(VariationalBlock::variationalParameterCount).sum();
    }

    /**
     * Weights and biases of the variational layers, counted once (the deterministic network's).
     *
     * @param network an initialised network
     * @return half of {@link #variational}
     */
    public static long variationalWeights(Block network) {
        return variational(network) / 2;
    }

    /**
     * γ and β of every BatchNorm below {@code network}.
     *
     * @param network an initialised network
     * @return the number of BatchNorm affine parameters (running statistics excluded)
     */
    public static long batchNormAffine(Block network) {
        long count = 0;
        if (network instanceof BatchNorm) {
            for (Pair<String, Parameter> p : network.getDirectParameters()) {
                if ("gamma".equals(p.getKey()) || "beta".equals(p.getKey())) {
                    count += p.getValue().getArray().size();
                }
            }
        }
        for (Block child : network.getChildren().values()) {
            count += batchNormAffine(child);
        }
        return count;
    }

    /**
     * The deterministic network's usual parameter count: weights, biases, BatchNorm γ and β.
     *
     * @param network an initialised network
     * @return e.g. 269,722 for a 10-class CIFAR ResNet-20
     */
    public static long standard(Block network) {
        return variationalWeights(network) + batchNormAffine(network);
    }
}
