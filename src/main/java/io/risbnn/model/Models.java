package io.risbnn.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import io.risbnn.RisbnnException;
import io.risbnn.estimator.ActivationFunction;
import io.risbnn.model.vision.BayesianLeNet;
import io.risbnn.model.vision.BayesianMlpClassifier;
import io.risbnn.model.vision.BayesianResNet;
import io.risbnn.nn.BayesLinear;
import io.risbnn.nn.McDropout;
import io.risbnn.objective.CategoricalLikelihood;
import io.risbnn.objective.GaussianLikelihood;
import io.risbnn.objective.Likelihood;
import io.risbnn.variational.PosteriorInit;

/**
 * Builds a {@link BayesianModel} from its {@link ModelSpec}. With a dropout rate p > 0 every weight
 * layer gets a {@link McDropout} in front of it, the input layer included (as in Gal &amp; Ghahramani's
 * UCI experiments): MLPs and LeNet before each dense/convolution layer, ResNets before each
 * variational convolution and the final dense layer (see {@link BayesianResNet}). p = 0 builds exactly
 * the network without dropout.
 */
public final class Models {
    private Models() {}

    /**
     * Builds and initialises the built-in network a spec describes (an MLP, LeNet, an image MLP or a
     * ResNet), with its likelihood, in a sub-manager of {@code parent}.
     *
     * @param spec the architecture; not a {@link ModelSpec#custom} spec (use {@link BayesianModel#of} for those)
     * @param parent the model lives in a sub-manager of it, closed with the model
     * @return the initialised model; close it to free its arrays
     * @throws RisbnnException if the architecture is unknown
     */
    public static BayesianModel build(ModelSpec spec, NDManager parent) {
        PosteriorInit init = spec.rho0() != null ? PosteriorInit.withRho0(spec.rho0())
                : PosteriorInit.withSigmaRatio(spec.sigmaRatio());
        if (spec.imageShape() != null) {
            return buildImage(spec, init, parent);
        }
        if (!"mlp".equals(spec.architecture())) {
            throw new RisbnnException("model architecture '" + spec.architecture() + "': expected mlp");
        }
        SequentialBlock net = new SequentialBlock();
        long in = spec.inputSize();
        int index = 1;
        for (int width : spec.hidden()) {
            McDropout.addIfPositive(net, spec.dropout());
            net.add(new BayesLinear("dense" + index++, in, width, spec.bias(), spec.hiddenActivation(), init));
            in = width;
        }
        McDropout.addIfPositive(net, spec.dropout());
        net.add(new BayesLinear("dense" + index, in, spec.outputs(), spec.bias(), ActivationFunction.NONE, init));
        NDManager manager = parent.newSubManager();
        return new BayesianModel(spec, manager, net, likelihood(spec), new Shape(1, spec.inputSize()));
    }

    private static BayesianModel buildImage(ModelSpec spec, PosteriorInit init, NDManager parent) {
        int[] shape = spec.imageShape();
        int c = shape[0];
        int side = shape[1];
        int classes = spec.outputs();
        SequentialBlock net;
        switch (spec.architecture()) {
            case "lenet":
                net = BayesianLeNet.build(c, side, classes, BayesianLeNet.Pooling.AVERAGE, true, spec.hiddenActivation(),
                        spec.dropout(), init);
                break;
            case "mlp-image":
                net = BayesianMlpClassifier.build((long) c * shape[1] * shape[2], spec.hidden(), classes, spec.bias(),
                        spec.hiddenActivation(), spec.dropout(), init);
                break;
            case "resnet20":
                net = BayesianResNet.build(20, c, classes, spec.hiddenActivation(), spec.dropout(), init);
                break;
            case "resnet32":
                net = BayesianResNet.build(32, c, classes, spec.hiddenActivation(), spec.dropout(), init);
                break;
            case "resnet56":
                net = BayesianResNet.build(56, c, classes, spec.hiddenActivation(), spec.dropout(), init);
                break;
            default:
                if (spec.architecture().startsWith("resnet")) {
                    int depth;
                    try {
                        depth = Integer.parseInt(spec.architecture().substring("resnet".length()));
                    } catch (NumberFormatException e) {
                        depth = -1;
                    }
                    net = BayesianResNet.build(depth, c, classes, spec.hiddenActivation(), spec.dropout(), init);
                    break;
                }
                throw new RisbnnException("model architecture '" + spec.architecture() + "': expected one of "
                        + String.join(", ", ModelSpec.IMAGE_ARCHITECTURES));
        }
        NDManager manager = parent.newSubManager();
        return new BayesianModel(spec, manager, net, likelihood(spec), new Shape(1, c, shape[1], shape[2]));
    }

    /** The likelihood a spec names (a fresh, uninitialised instance). */
    static Likelihood likelihood(ModelSpec spec) {
        switch (spec.likelihood()) {
            case "gaussian":
                return new GaussianLikelihood(spec.initialNoiseStd(), spec.heteroscedastic());
            case "categorical":
                return new CategoricalLikelihood(spec.outputs(),
                        CategoricalLikelihood.LogitExpectation.parse(spec.logitExpectationOrDefault()));
            default:
                throw new RisbnnException("model likelihood '" + spec.likelihood() + "': expected gaussian or categorical");
        }
    }
}
