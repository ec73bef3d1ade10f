package io.risbnn.model.vision;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import io.risbnn.RisbnnException;
import io.risbnn.estimator.ActivationFunction;
import io.risbnn.nn.BayesLinear;
import io.risbnn.nn.DeterministicBlock;
import io.risbnn.nn.McDropout;
import io.risbnn.variational.PosteriorInit;
import java.util.Arrays;

/**
 * A Bayesian MLP classifier for images: flatten [B, C, H, W] (or [B, n]) → variational dense layers
 * with fused ReLU → variational dense layer to the class logits. Flattening is linear, so the network
 * is exact within the MOMENT scheme.
 */
public final class BayesianMlpClassifier {
    private BayesianMlpClassifier() {}

    /**
     * For inputs with {@code inputFeatures} values per example (C·H·W for an image); ReLU, no dropout.
     *
     * @param inputFeatures values per example after flattening, &gt; 0
     * @param hidden hidden layer widths, each &gt; 0 (may be empty)
     * @param classes the number of logits, &gt; 0
     * @param bias whether the layers have variational biases
     * @param init how the posteriors start
     * @return the uninitialised network, [B, …] → [B, classes]
     * @throws RisbnnException if a size or width is not positive
     */
    public static SequentialBlock build(long inputFeatures, int[] hidden, int classes, boolean bias, PosteriorInit init) {
        return build(inputFeatures, hidden, classes, bias, ActivationFunction.RELU, init);
    }

    /**
     * As {@link #build(long, int[], int, boolean, PosteriorInit)} with a choice of hidden activation.
     *
     * @param inputFeatures values per example after flattening, &gt; 0
     * @param hidden hidden layer widths, each &gt; 0
     * @param classes the number of logits, &gt; 0
     * @param bias whether the layers have variational biases
     * @param activation the hidden layers' activation
     * @param init how the posteriors start
     * @return the uninitialised network
     * @throws RisbnnException if a size or width is not positive
     */
    public static SequentialBlock build(long inputFeatures, int[] hidden, int classes, boolean bias, ActivationFunction activation,
                                        PosteriorInit init) {
        return build(inputFeatures, hidden, classes, bias, activation, 0, init);
    }

    /**
     * The general builder: flatten, then (dropout →) dense layers.
     *
     * @param inputFeatures values per example after flattening, &gt; 0
     * @param hidden hidden layer widths, each &gt; 0
     * @param classes the number of logits, &gt; 0
     * @param bias whether the layers have variational biases
     * @param activation the hidden layers' activation
     * @param dropout MC dropout rate p: a {@link McDropout} before every dense layer when p &gt; 0
     * @param init how the posteriors start
     * @return the uninitialised network
     * @throws RisbnnException if a size or width is not positive, or p is outside [0, 1)
     */
    public static SequentialBlock build(long inputFeatures, int[] hidden, int classes, boolean bias, ActivationFunction activation,
                                        double dropout, PosteriorInit init) {
        if (inputFeatures <= 0 || classes <= 0) {
            throw new RisbnnException("MLP classifier: input features and classes must be positive, got "
                    + inputFeatures + " and " + classes);
        }
        for (int h : hidden) {
            if (h <= 0) {
                throw new RisbnnException("MLP classifier: every hidden width must be positive, got " + Arrays.toString(hidden));
            }
        }
        SequentialBlock net = new SequentialBlock();
        net.add(DeterministicBlock.reshaping(Blocks.batchFlattenBlock()));
        long in = inputFeatures;
        int index = 1;
        for (int width : hidden) {
            McDropout.addIfPositive(net, dropout);
            net.add(new BayesLinear("dense" + index++, in, width, bias, activation, init));
            in = width;
        }
        McDropout.addIfPositive(net, dropout);
        net.add(new BayesLinear("dense" + index, in, classes, bias, ActivationFunction.NONE, init));
        return net;
    }

    /**
     * For images of the given per-example shape, e.g. (1, 28, 28); variational biases, ReLU.
     *
     * @param imageShape the per-example shape (C, H, W)
     * @param hidden hidden layer widths, each &gt; 0
     * @param classes the number of logits, &gt; 0
     * @param init how the posteriors start
     * @return the uninitialised network
     */
    public static SequentialBlock build(Shape imageShape, int[] hidden, int classes, PosteriorInit init) {
        return build(imageShape.size(), hidden, classes, true, init);
    }
}
