package io.risbnn.objective;

import io.risbnn.tensor.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import java.util.List;

/**
 * Homoscedastic Gaussian regression likelihood N(y; f(x), σ²) with a learned log σ (a point
 * estimate, as in the UCI protocol's VI baselines). Targets are standardised by the caller.
 */
public final class GaussianLikelihood implements Likelihood {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private final Parameter logNoise;

    public GaussianLikelihood(double initialNoiseStd) {
        this.logNoise = Parameter.builder()
                .setName("logNoiseStd")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(1))
                .optInitializer(new ConstantInitializer((float) Math.log(initialNoiseStd)))
                .build();
    }

    @Override
    public NDArray negativeLogLikelihood(NDArray outputs, NDArray targets) {
        NDArray logSigma = logNoise.getArray();
        NDArray y = targets.reshape(1, -1);
        NDArray residual = outputs.reshape(outputs.getShape().get(0), -1).sub(y);
        NDArray inv2Var = Scalars.mul(Scalars.mul(logSigma, -2).exp(), 0.5);
        return residual.square().mul(inv2Var).add(logSigma).add(HALF_LOG_2PI).mean();
    }

    /** The current noise standard deviation σ (in standardised target units). */
    public double noiseStd() {
        return Math.exp(logNoise.getArray().getFloat(0));
    }

    @Override
    public int outputSize() {
        return 1;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(logNoise);
    }

    @Override
    public void initialize(NDManager manager) {
        logNoise.initialize(manager, DataType.FLOAT32);
    }

    @Override
    public String describe() {
        return "gaussian";
    }
}
