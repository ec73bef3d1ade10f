package io.risbnn.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.List;

/** Softmax classification: −log softmax(logits)_y, targets are class indices [B]. */
public final class CategoricalLikelihood implements Likelihood {
    private final int classes;

    public CategoricalLikelihood(int classes) {
        this.classes = classes;
    }

    @Override
    public NDArray negativeLogLikelihood(NDArray outputs, NDArray targets) {
        NDArray logProbs = outputs.logSoftmax(-1);                            // [S, B, C]
        long samples = outputs.getShape().get(0);
        NDArray index = targets.toType(DataType.INT64, false).reshape(1, -1, 1).repeat(0, samples);
        return logProbs.gather(index, 2).neg().mean();
    }

    @Override
    public int outputSize() {
        return classes;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public void initialize(NDManager manager) {
        // no parameters
    }

    @Override
    public String describe() {
        return "categorical(" + classes + ")";
    }
}
