package io.risbnn.model;

import io.risbnn.RisbnnException;
import io.risbnn.estimator.ActivationFunction;
import java.util.Arrays;

/**
 * The architecture of a Bayesian network, complete enough to rebuild it from a checkpoint.
 *
 * @param architecture "mlp" (more come with the image models)
 * @param inputSize features per example
 * @param hidden hidden layer widths (ReLU)
 * @param outputs network outputs
 * @param likelihood "gaussian" (regression) or "categorical"
 * @param sigmaRatio initial s relative to the He std (see PosteriorInit)
 * @param rho0 fixed initial ρ, or null to use sigmaRatio
 * @param bias whether layers have (variational) biases
 * @param initialNoiseStd starting σ of the Gaussian likelihood (standardised units)
 * @param imageShape (C, H, W) of image inputs, null for feature vectors
 * @param activation the hidden layers' activation by CLI name ({@link ActivationFunction#parse}); null means relu
 *                   (checkpoints written before the option existed)
 * @param heteroscedastic regression only: a second output is the log noise variance of each example
 * @param logitExpectation classification under mean-var: how E log softmax_y(f) over Gaussian logits is
 *                         computed, {@code mc} or {@code second-order}; null means the default
 * @param dropout MC dropout rate p: a {@link io.risbnn.nn.McDropout} before every weight layer when
 *                p > 0 (see {@link Models}); 0 — also in checkpoints written before the field existed —
 *                builds the network without dropout
 */
public record ModelSpec(String architecture, int inputSize, int[] hidden, int outputs, String likelihood,
                        double sigmaRatio, Double rho0, boolean bias, double initialNoiseStd, int[] imageShape,
                        String activation, boolean heteroscedastic, String logitExpectation, double dropout) {
    /** The image architectures of {@link #image}. */
    public static final java.util.List<String> IMAGE_ARCHITECTURES =
            java.util.List.of("lenet", "mlp-image", "resnet20", "resnet32", "resnet56");

    /**
     * A feature-vector spec with the defaults of the later fields (no image shape, ReLU, homoscedastic,
     * default logit expectation, no dropout).
     *
     * @param architecture {@code mlp}
     * @param inputSize features per example, &gt; 0
     * @param hidden hidden layer widths, each &gt; 0
     * @param outputs network outputs, &gt; 0
     * @param likelihood {@code gaussian} or {@code categorical}
     * @param sigmaRatio initial s relative to the He std
     * @param rho0 fixed initial ρ, or null to use sigmaRatio
     * @param bias whether layers have biases
     * @param initialNoiseStd starting σ of the Gaussian likelihood
     * @throws RisbnnException if a size is not positive
     */
    public ModelSpec(String architecture, int inputSize, int[] hidden, int outputs, String likelihood,
                     double sigmaRatio, Double rho0, boolean bias, double initialNoiseStd) {
        this(architecture, inputSize, hidden, outputs, likelihood, sigmaRatio, rho0, bias, initialNoiseStd, null);
    }

    /**
     * A spec with the defaults of the later fields (ReLU, homoscedastic, default logit expectation, no dropout).
     *
     * @param architecture {@code mlp} or one of {@link #IMAGE_ARCHITECTURES}
     * @param inputSize values per example, &gt; 0
     * @param hidden hidden layer widths, each &gt; 0
     * @param outputs network outputs, &gt; 0
     * @param likelihood {@code gaussian} or {@code categorical}
     * @param sigmaRatio initial s relative to the He std
     * @param rho0 fixed initial ρ, or null to use sigmaRatio
     * @param bias whether layers have biases
     * @param initialNoiseStd starting σ of the Gaussian likelihood
     * @param imageShape (C, H, W) of image inputs, null for feature vectors
     * @throws RisbnnException if a size is not positive
     */
    public ModelSpec(String architecture, int inputSize, int[] hidden, int outputs, String likelihood,
                     double sigmaRatio, Double rho0, boolean bias, double initialNoiseStd, int[] imageShape) {
        this(architecture, inputSize, hidden, outputs, likelihood, sigmaRatio, rho0, bias, initialNoiseStd, imageShape,
                null, false, null);
    }

    /**
     * As the canonical constructor without dropout (the form before MC dropout existed).
     *
     * @param architecture {@code mlp}, one of {@link #IMAGE_ARCHITECTURES} or {@link #CUSTOM}
     * @param inputSize values per example, &gt; 0
     * @param hidden hidden layer widths, each &gt; 0
     * @param outputs network outputs, &gt; 0
     * @param likelihood {@code gaussian} or {@code categorical}
     * @param sigmaRatio initial s relative to the He std
     * @param rho0 fixed initial ρ, or null to use sigmaRatio
     * @param bias whether layers have biases
     * @param initialNoiseStd starting σ of the Gaussian likelihood
     * @param imageShape (C, H, W) of image inputs, null for feature vectors
     * @param activation the hidden activation's CLI name, null for relu
     * @param heteroscedastic regression only: a second output is the log noise variance
     * @param logitExpectation {@code mc} or {@code second-order}, null for the default
     * @throws RisbnnException if a size is not positive
     */
    public ModelSpec(String architecture, int inputSize, int[] hidden, int outputs, String likelihood,
                     double sigmaRatio, Double rho0, boolean bias, double initialNoiseStd, int[] imageShape,
                     String activation, boolean heteroscedastic, String logitExpectation) {
        this(architecture, inputSize, hidden, outputs, likelihood, sigmaRatio, rho0, bias, initialNoiseStd, imageShape,
                activation, heteroscedastic, logitExpectation, 0);
    }

    /**
     * Whether the builders insert MC dropout blocks.
     *
     * @return true if {@code dropout} &gt; 0
     */
    public boolean hasDropout() {
        return dropout > 0;
    }

    /** The default way to take E log softmax under mean-var (see {@link io.risbnn.objective.CategoricalLikelihood}). */
    public static final String DEFAULT_LOGIT_EXPECTATION = "mc";

    /**
     * The hidden layers' activation (ReLU when unset).
     *
     * @return the parsed activation
     * @throws RisbnnException if the stored name is not an activation
     */
    public ActivationFunction hiddenActivation() {
        return activation == null ? ActivationFunction.RELU : ActivationFunction.parse(activation);
    }

    /**
     * How a classifier takes E log softmax under mean-var, with the default filled in.
     *
     * @return {@code mc} or {@code second-order}
     */
    public String logitExpectationOrDefault() {
        return logitExpectation == null ? DEFAULT_LOGIT_EXPECTATION : logitExpectation;
    }

    /**
     * The same spec with another hidden activation.
     *
     * @param a the hidden layers' activation
     * @return a copy with {@code activation = a.cliName()}
     */
    public ModelSpec withActivation(ActivationFunction a) {
        return new ModelSpec(architecture, inputSize, hidden, outputs, likelihood, sigmaRatio, rho0, bias, initialNoiseStd,
                imageShape, a.cliName(), heteroscedastic, logitExpectation, dropout);
    }

    /**
     * Regression with a second output for the log noise variance of each example.
     *
     * @param on true for the heteroscedastic head (2 outputs), false for a single output
     * @return a copy with {@code heteroscedastic = on} and 2 or 1 outputs
     * @throws RisbnnException if {@code on} and the likelihood is not Gaussian
     */
    public ModelSpec withHeteroscedastic(boolean on) {
        if (on && !likelihood.equals("gaussian")) {
            throw new RisbnnException("--heteroscedastic: only for regression (a Gaussian likelihood)");
        }
        return new ModelSpec(architecture, inputSize, hidden, on ? 2 : 1, likelihood, sigmaRatio, rho0, bias,
                initialNoiseStd, imageShape, activation, on, logitExpectation, dropout);
    }

    /**
     * The same spec with another way of taking E log softmax under mean-var.
     *
     * @param how {@code mc} or {@code second-order}
     * @return a copy with {@code logitExpectation = how}
     * @throws RisbnnException if {@code how} is neither
     */
    public ModelSpec withLogitExpectation(String how) {
        if (!how.equals("mc") && !how.equals("second-order")) {
            throw new RisbnnException("--logit-expectation '" + how + "': expected mc or second-order");
        }
        return new ModelSpec(architecture, inputSize, hidden, outputs, likelihood, sigmaRatio, rho0, bias, initialNoiseStd,
                imageShape, activation, heteroscedastic, how, dropout);
    }

    /**
     * The same architecture with MC dropout of rate p before every weight layer (0: none).
     *
     * @param rate the drop probability p, in [0, 1)
     * @return a copy with {@code dropout = rate}
     * @throws RisbnnException if {@code rate} is outside [0, 1)
     */
    public ModelSpec withDropout(double rate) {
        return new ModelSpec(architecture, inputSize, hidden, outputs, likelihood, sigmaRatio, rho0, bias, initialNoiseStd,
                imageShape, activation, heteroscedastic, logitExpectation, rate);
    }

    /**
     * Validates the sizes and the dropout rate.
     *
     * @param architecture the architecture name
     * @param inputSize values per example, &gt; 0
     * @param hidden hidden layer widths, each &gt; 0
     * @param outputs network outputs, &gt; 0
     * @param likelihood {@code gaussian} or {@code categorical}
     * @param sigmaRatio initial s relative to the He std
     * @param rho0 fixed initial ρ, or null
     * @param bias whether layers have biases
     * @param initialNoiseStd starting σ of the Gaussian likelihood
     * @param imageShape (C, H, W), or null
     * @param activation the hidden activation's CLI name, or null
     * @param heteroscedastic whether regression has a log-noise-variance output
     * @param logitExpectation {@code mc}, {@code second-order} or null
     * @param dropout MC dropout rate, in [0, 1)
     * @throws RisbnnException if a size is not positive or the dropout rate is outside [0, 1)
     */
    public ModelSpec {
        if (inputSize <= 0 || outputs <= 0) {
            throw new RisbnnException("model: input size and outputs must be positive, got " + inputSize + " and " + outputs);
        }
        for (int h : hidden) {
            if (h <= 0) {
                throw new RisbnnException("--hidden: every layer width must be a positive integer, got " + Arrays.toString(hidden));
            }
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new RisbnnException("dropout rate must be in [0, 1), got " + dropout);
        }
    }

    /** The architecture name of a user's own block ({@link BayesianModel#of}). */
    public static final String CUSTOM = "custom";

    /**
     * The spec of a user's own block: what it computes, not how (the block itself is the architecture).
     *
     * @param inputSize values per input example
     * @param outputs the block's outputs: 1 for regression (2 when heteroscedastic), the class count for classification
     * @param likelihood {@code gaussian} or {@code categorical}
     * @param heteroscedastic regression only: output 2 is each example's log noise variance
     * @return the spec, architecture {@link #CUSTOM}
     * @throws RisbnnException if {@code inputSize} or {@code outputs} is not positive
     */
    public static ModelSpec custom(int inputSize, int outputs, String likelihood, boolean heteroscedastic) {
        return new ModelSpec(CUSTOM, inputSize, new int[0], outputs, likelihood, 0.01, null, true, 0.5, null, null,
                heteroscedastic, null, 0);
    }

    /**
     * Whether the network is a user's own block rather than one {@link Models} builds.
     *
     * @return true for architecture {@link #CUSTOM}
     */
    public boolean isCustom() {
        return CUSTOM.equals(architecture);
    }

    /**
     * A regression MLP: one output, Gaussian likelihood starting at σ = 0.5, biases on.
     *
     * @param inputSize features per example, &gt; 0
     * @param hidden hidden layer widths, each &gt; 0
     * @param sigmaRatio initial s relative to the He std
     * @param rho0 fixed initial ρ, or null to use sigmaRatio
     * @return the spec
     * @throws RisbnnException if a size is not positive
     */
    public static ModelSpec regressionMlp(int inputSize, int[] hidden, double sigmaRatio, Double rho0) {
        return new ModelSpec("mlp", inputSize, hidden, 1, "gaussian", sigmaRatio, rho0, true, 0.5);
    }

    /**
     * A classification MLP on feature vectors: categorical likelihood, biases on.
     *
     * @param inputSize features per example, &gt; 0
     * @param hidden hidden layer widths, each &gt; 0
     * @param classes the number of classes (outputs), &gt; 0
     * @param sigmaRatio initial s relative to the He std
     * @param rho0 fixed initial ρ, or null to use sigmaRatio
     * @return the spec
     * @throws RisbnnException if a size is not positive
     */
    public static ModelSpec classifierMlp(int inputSize, int[] hidden, int classes, double sigmaRatio, Double rho0) {
        return new ModelSpec("mlp", inputSize, hidden, classes, "categorical", sigmaRatio, rho0, true, 0.5);
    }

    /**
     * A classifier of C×H×W images: {@code lenet}, {@code mlp-image} (hidden widths {@code hidden}) or
     * {@code resnet20|32|56}.
     *
     * @param architecture one of {@link #IMAGE_ARCHITECTURES}
     * @param channels C
     * @param height H; must equal W except for {@code mlp-image}, and be ≥ 12 for {@code lenet}
     * @param width W
     * @param classes the number of classes
     * @param hidden hidden widths, used by {@code mlp-image} only
     * @param sigmaRatio initial s relative to the He std
     * @param rho0 fixed initial ρ, or null to use sigmaRatio
     * @return the spec, with {@code imageShape = (C, H, W)}
     * @throws RisbnnException naming --model for an unknown architecture or an image it cannot take
     */
    public static ModelSpec image(String architecture, int channels, int height, int width, int classes, int[] hidden,
                                  double sigmaRatio, Double rho0) {
        if (!IMAGE_ARCHITECTURES.contains(architecture)) {
            throw new RisbnnException("--model " + architecture + ": expected one of " + String.join(", ", IMAGE_ARCHITECTURES));
        }
        if (!architecture.equals("mlp-image") && height != width) {
            throw new RisbnnException("--model " + architecture + ": needs square images, got " + height + "×" + width);
        }
        if (architecture.equals("lenet") && height < 12) {
            throw new RisbnnException("--model lenet: images of " + height + "×" + width + " are too small (needs at least 12×12)");
        }
        int[] layers = architecture.equals("mlp-image") ? hidden : new int[0];
        return new ModelSpec(architecture, channels * height * width, layers, classes, "categorical", sigmaRatio, rho0,
                true, 0.5, new int[] {channels, height, width});
    }

    /**
     * Rows (examples × stacked networks) of one evaluation forward pass. Every intermediate of a pass lives
     * until its scope closes, so the bound follows the activation size per example: a ResNet's first stage
     * holds 16×32×32 values per example in each of ~60 tensors (4096 rows took over 16 GB).
     *
     * @return 256 for ResNets, 2048 for LeNet, 4096 otherwise
     */
    public int evaluationRowsPerPass() {
        if (architecture.startsWith("resnet")) {
            return 256;
        }
        return architecture.equals("lenet") ? 2048 : 4096;
    }

    /**
     * The default architecture for images: resnet20 for 32×32 RGB, lenet otherwise (e.g. 28×28 grey-scale).
     *
     * @param channels C
     * @param height H
     * @param width W
     * @return {@code resnet20} or {@code lenet}
     */
    public static String defaultImageArchitecture(int channels, int height, int width) {
        return channels == 3 && height == 32 && width == 32 ? "resnet20" : "lenet";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec m && architecture.equals(m.architecture) && inputSize == m.inputSize
                && Arrays.equals(hidden, m.hidden) && outputs == m.outputs && likelihood.equals(m.likelihood)
                && sigmaRatio == m.sigmaRatio && java.util.Objects.equals(rho0, m.rho0) && bias == m.bias
                && initialNoiseStd == m.initialNoiseStd && Arrays.equals(imageShape, m.imageShape)
                && hiddenActivation() == m.hiddenActivation() && heteroscedastic == m.heteroscedastic
                && logitExpectationOrDefault().equals(m.logitExpectationOrDefault()) && dropout == m.dropout;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(architecture, inputSize, Arrays.hashCode(hidden), outputs, likelihood);
    }

    @Override
    public String toString() {
        String drop = hasDropout() ? ", dropout " + dropout : "";
        if (imageShape != null) {
            return architecture + " " + imageShape[0] + "×" + imageShape[1] + "×" + imageShape[2] + " -> " + outputs
                    + " (" + likelihood + drop + ")";
        }
        return architecture + " " + inputSize + " -> " + Arrays.toString(hidden) + " -> " + outputs + " (" + likelihood
                + (heteroscedastic ? ", heteroscedastic" : "") + drop + ")";
    }
}
