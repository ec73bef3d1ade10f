package io.risbnn.method.laplace;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.risbnn.RisbnnException;
import io.risbnn.method.PointWeights;
import io.risbnn.nn.BayesLinear;
import io.risbnn.nn.VariationalBlock;
import io.risbnn.train.NamedParameter;

/**
 * Where a dense layer's weight W [out, in] and bias b [out] sit in θ ({@link PointWeights} order), and
 * the layer's parameters in the curvature's own order: the matrix [W | b] of shape [out, in + 1] (no
 * bias column without a bias) read row by row, so the Jacobian of an output is g ⊗ [a; 1].
 */
record DenseSlots(VariationalBlock layer, int out, int in, boolean bias, int weightOffset, int biasOffset) {
    static DenseSlots of(PointWeights weights, VariationalBlock layer) {
        if (!(layer instanceof BayesLinear dense)) {
            throw new RisbnnException("laplace: layer " + layer.layerName() + " is not dense");
        }
        int w = offset(weights, layer.weight().mu());
        int b = layer.bias() == null ? -1 : offset(weights, layer.bias().mu());
        return new DenseSlots(layer, (int) dense.outFeatures(), (int) dense.inFeatures(), layer.bias() != null, w, b);
    }

    private static int offset(PointWeights weights, NDArray array) {
        long at = 0;
        for (NamedParameter p : weights.parameters()) {
            if (p.array() == array) {
                return Math.toIntExact(at);
            }
            at += p.array().size();
        }
        throw new IllegalStateException("array not in θ");
    }

    /** Columns of [W | b]. */
    int columns() {
        return in + (bias ? 1 : 0);
    }

    /** Parameters of the layer. */
    int size() {
        return out * columns();
    }

    /** The θ index of entry (row i, column j) of [W | b]. */
    int thetaIndex(int i, int j) {
        return j < in ? weightOffset + i * in + j : biasOffset + i;
    }

    /** The layer's part of θ in [W | b] order. */
    double[] gather(double[] theta) {
        double[] out = new double[size()];
        int cols = columns();
        for (int i = 0; i < this.out; i++) {
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = theta[thetaIndex(i, j)];
            }
        }
        return out;
    }

    /** Adds a [W | b]-ordered vector into θ. */
    void scatterAdd(double[] delta, double[] theta) {
        int cols = columns();
        for (int i = 0; i < out; i++) {
            for (int j = 0; j < cols; j++) {
                theta[thetaIndex(i, j)] += delta[i * cols + j];
            }
        }
    }

    /** Inputs a [B, in] (float64) as [a, 1] [B, columns]. */
    NDArray augmented(NDArray a) {
        if (!bias) {
            return a;
        }
        NDManager m = a.getManager();
        return a.concat(m.ones(new ai.djl.ndarray.types.Shape(a.getShape().get(0), 1), DataType.FLOAT64), 1);
    }
}
