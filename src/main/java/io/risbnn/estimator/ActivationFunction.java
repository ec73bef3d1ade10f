package io.risbnn.estimator;

import io.risbnn.RisbnnException;
import io.risbnn.tensor.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The nonlinearity δ fused into a variational layer. Estimators of moments need it (they estimate
 * E[δ(a)] and E[δ(a)²], not E[a]); the closed-form RIS proposals of RIS-SPEC §5 are derived for ReLU
 * only, other activations get proposals derived from their own |f| and f² (RIS-SPEC §3.4).
 */
public enum ActivationFunction {
    /** max(a, 0); the activation with closed-form moments and the RIS-SPEC §5 proposals. */
    RELU("relu"),
    /** max(a, 0.01·a). */
    LEAKY_RELU("leaky-relu"),
    /** a·Φ(a), the exact (erf) form. */
    GELU("gelu"),
    /** a·sigmoid(a). */
    SILU("silu"),
    /** tanh(a), bounded in (−1, 1). */
    TANH("tanh"),
    /** log(1 + eᵃ). */
    SOFTPLUS("softplus"),
    /** The identity: an output layer. */
    NONE("none");

    /** Slope of {@link #LEAKY_RELU} for {@code a < 0} (PyTorch's default). */
    public static final double LEAKY_SLOPE = 0.01;

    private static final float TAIL_LIMIT = 12f;
    private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2);

    private final String cliName;

    ActivationFunction(String cliName) {
        this.cliName = cliName;
    }

    /**
     * The name used on the command line and in result files.
     *
     * @return the lower-case, hyphenated name, e.g. {@code leaky-relu}
     */
    public String cliName() {
        return cliName;
    }

    /**
     * The hidden-layer activations a user can choose (everything but NONE), for help and error texts.
     *
     * @return the CLI names joined by {@code ", "}
     */
    public static String choices() {
        return Arrays.stream(values()).filter(a -> a != NONE).map(ActivationFunction::cliName).collect(Collectors.joining(", "));
    }

    /**
     * A hidden activation by CLI name ({@code relu}, {@code leaky-relu}, …).
     *
     * @param name the CLI name; case-insensitive, surrounding blanks ignored, {@code _} accepted for {@code -}
     * @return the activation; never {@link #NONE}, which is reserved for output layers
     * @throws RisbnnException if {@code name} is null or not one of {@link #choices()}
     */
    public static ActivationFunction parse(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (ActivationFunction a : values()) {
            if (a != NONE && a.cliName.equals(key)) {
                return a;
            }
        }
        throw new RisbnnException("--activation '" + name + "': expected one of " + choices());
    }

    /**
     * δ(a), element-wise and differentiable.
     *
     * @param a pre-activations of any shape
     * @return δ(a), of the shape and type of {@code a}
     */
    public NDArray apply(NDArray a) {
        switch (this) {
            case RELU:
                return a.getNDArrayInternal().relu();
            case LEAKY_RELU:
                return a.maximum(Scalars.mul(a, LEAKY_SLOPE));
            case GELU:   // a·Φ(a) = a·(1 + erf(a/√2))/2
                return a.mul(Scalars.mul(Scalars.mul(a, INV_SQRT_2).erf().add(1), 0.5));
            case SILU:
                return a.mul(a.getNDArrayInternal().sigmoid());
            case TANH:
                return a.tanh();
            case SOFTPLUS:   // relu(a) + log(1 + e^−|a|): no overflow for large a
                return a.getNDArrayInternal().relu().add(a.abs().neg().exp().add(1).log());
            case NONE:
                return a;
            default:
                throw new IllegalStateException(name());
        }
    }

    /**
     * E[δ(a)] for a ~ N(m, sd²) in closed form: m for NONE, sd·ψ(m/sd) for ReLU with
     * ψ(α) = φ(α) + αΦ(α); autograd gives ∂/∂m = Φ(α) and ∂/∂v = φ(α)/(2sd). It stays in the input's
     * type because DJL's type casts cut the autograd graph. Below α = −3 the direct form cancels, so
     * ψ = φ(α)·(1 − xR(x)) with x = −α and R the Mills ratio. Only RELU and NONE have it here.
     *
     * @param m pre-activation means, any shape
     * @param sd pre-activation standard deviations, the shape of {@code m}, strictly positive
     * @return E[δ(a)] element-wise, the shape and type of {@code m}
     * @throws IllegalStateException for an activation other than RELU or NONE
     */
    public NDArray mean(NDArray m, NDArray sd) {
        if (this == NONE) {
            return m;
        }
        if (this != RELU) {
            throw new IllegalStateException("ActivationFunction.mean is the ReLU closed form; " + cliName + " has none here");
        }
        NDArray alpha = m.div(sd);
        // φ and the Mills ratio only ever see |α| ≤ 12: beyond, φ(α) < 1e-31 is negligible, and the
        // clamp keeps float32 out of denormals (100× slower arithmetic) and away from inf·0 in backward.
        NDArray clamped = alpha.clip(-TAIL_LIMIT, TAIL_LIMIT);
        NDArray pdf = GaussianFunctions.pdf(clamped);
        NDArray direct = pdf.add(alpha.mul(GaussianFunctions.cdf(clamped)));
        NDArray x = alpha.neg().clip(3f, TAIL_LIMIT);
        NDArray tail = pdf.mul(x.mul(GaussianFunctions.millsRatio(x)).neg().add(1));
        NDArray psi = Scalars.maximum(NDArrays.where(alpha.lt(-3f), tail, direct), 0);
        return sd.mul(psi);
    }
}
