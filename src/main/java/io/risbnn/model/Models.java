package io.risbnn.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import io.risbnn.RisbnnException;
import io.risbnn.estimator.Activation;
import io.risbnn.nn.BayesLinear;
import io.risbnn.objective.CategoricalLikelihood;
import io.risbnn.objective.GaussianLikelihood;
import io.risbnn.objective.Likelihood;
import io.risbnn.variational.PosteriorInit;

/** Builds a {@link BayesianModel} from its {@link ModelSpec}. */
public final class Models {
    private Models() {}

    public static BayesianModel build(ModelSpec spec, NDManager parent) {
        if (!"mlp".equals(spec.architecture())) {
            throw new RisbnnException("model architecture '" + spec.architecture() + "': expected mlp");
        }
        PosteriorInit init = spec.rho0() != null ? PosteriorInit.withRho0(spec.rho0())
                : PosteriorInit.withSigmaRatio(spec.sigmaRatio());
        SequentialBlock net = new SequentialBlock();
        long in = spec.inputSize();
        int index = 1;
        for (int width : spec.hidden()) {
            net.add(new BayesLinear("dense" + index++, in, width, spec.bias(), Activation.RELU, init));
            in = width;
        }
        net.add(new BayesLinear("dense" + index, in, spec.outputs(), spec.bias(), Activation.NONE, init));
        NDManager manager = parent.newSubManager();
        return new BayesianModel(spec, manager, net, likelihood(spec), new Shape(1, spec.inputSize()));
    }

    private static Likelihood likelihood(ModelSpec spec) {
        switch (spec.likelihood()) {
            case "gaussian":
                return new GaussianLikelihood(spec.initialNoiseStd());
            case "categorical":
                return new CategoricalLikelihood(spec.outputs());
            default:
                throw new RisbnnException("model likelihood '" + spec.likelihood() + "': expected gaussian or categorical");
        }
    }
}
