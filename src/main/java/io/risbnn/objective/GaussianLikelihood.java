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
 * Gaussian regression likelihood. Homoscedastic: N(y; f(x), σ²) with a learned log σ (a point
 * estimate, as in the UCI protocol's VI baselines). Heteroscedastic: the network has two outputs, the
 * mean f₁ and the log noise variance f₂ of each example, N(y; f₁, e^{f₂}). Targets are standardised
 * by the caller.
 *
 * <p>Under MEAN_VAR the outputs are Gaussian with independent units, and the expected log-likelihood
 * is exact: homoscedastic −½log 2πσ² − ((y − m)² + v)/(2σ²); heteroscedastic (Wu et al. 2019)
 * −½log 2π − ½m₂ − ½((y − m₁)² + v₁)·E e^{−f₂} with E e^{−f₂} = e^{−m₂ + v₂/2}.
 */
public final class GaussianLikelihood implements Likelihood {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private final Parameter logNoise;
    private final boolean heteroscedastic;

    /**
     * A homoscedastic Gaussian likelihood with a learned σ.
     *
     * @param initialNoiseStd starting σ in standardised target units, &gt; 0
     */
    public GaussianLikelihood(double initialNoiseStd) {
        this(initialNoiseStd, false);
    }

    /**
     * A homoscedastic (learned σ) or heteroscedastic (per-example log variance output) Gaussian likelihood.
     *
     * @param initialNoiseStd starting σ (homoscedastic; ignored when heteroscedastic)
     * @param heteroscedastic true for two network outputs (mean, log noise variance)
     */
    public GaussianLikelihood(double initialNoiseStd, boolean heteroscedastic) {
        this.heteroscedastic = heteroscedastic;
        this.logNoise = heteroscedastic ? null : Parameter.builder()
                .setName("logNoiseStd")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(1))
                .optInitializer(new ConstantInitializer((float) Math.log(initialNoiseStd)))
                .build();
    }

    /**
     * Whether the network's second output is each example's log noise variance.
     *
     * @return true for the heteroscedastic form
     */
    public boolean heteroscedastic() {
        return heteroscedastic;
    }

    @Override
    public NDArray negativeLogLikelihood(NDArray outputs, NDArray targets) {
        long samples = outputs.getShape().get(0);
        NDArray y = targets.reshape(1, -1);
        if (heteroscedastic) {
            NDArray mean = outputs.get(":, :, 0").reshape(samples, -1);
            NDArray logVar = outputs.get(":, :, 1").reshape(samples, -1);
            NDArray scaled = mean.sub(y).square().mul(logVar.neg().exp());
            return Scalars.mul(scaled.add(logVar), 0.5).add(HALF_LOG_2PI).mean();
        }
        NDArray logSigma = logNoise.getArray();
        NDArray residual = outputs.reshape(samples, -1).sub(y);
        NDArray inv2Var = Scalars.mul(Scalars.mul(logSigma, -2).exp(), 0.5);
        return residual.square().mul(inv2Var).add(logSigma).add(HALF_LOG_2PI).mean();
    }

    @Override
    public NDArray expectedNegativeLogLikelihood(NDArray mean, NDArray variance, NDArray targets) {
        NDArray y = targets.reshape(-1);
        if (heteroscedastic) {
            NDArray m1 = mean.get(":, 0");
            NDArray v1 = variance.get(":, 0");
            NDArray m2 = mean.get(":, 1");
            NDArray v2 = variance.get(":, 1");
            NDArray inversePrecision = Scalars.mul(v2, 0.5).sub(m2).exp();      // E e^{−f₂}
            NDArray scaled = m1.sub(y).square().add(v1).mul(inversePrecision);
            return Scalars.mul(scaled.add(m2), 0.5).add(HALF_LOG_2PI).mean();
        }
        NDArray logSigma = logNoise.getArray();
        NDArray expectedSquare = mean.reshape(-1).sub(y).square().add(variance.reshape(-1));
        NDArray inv2Var = Scalars.mul(Scalars.mul(logSigma, -2).exp(), 0.5);
        return expectedSquare.mul(inv2Var).add(logSigma).add(HALF_LOG_2PI).mean();
    }

    /**
     * The current noise standard deviation σ (in standardised target units); NaN when heteroscedastic.
     *
     * @return e^(log σ), read from the parameter
     */
    public double noiseStd() {
        return heteroscedastic ? Double.NaN : Math.exp(logNoise.getArray().getFloat(0));
    }

    @Override
    public int outputSize() {
        return heteroscedastic ? 2 : 1;
    }

    @Override
    public List<Parameter> parameters() {
        return heteroscedastic ? List.of() : List.of(logNoise);
    }

    @Override
    public void initialize(NDManager manager) {
        if (!heteroscedastic) {
            logNoise.initialize(manager, DataType.FLOAT32);
        }
    }

    @Override
    public String describe() {
        return heteroscedastic ? "gaussian-heteroscedastic" : "gaussian";
    }
}
