package io.risbnn.objective;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.risbnn.RisbnnException;
import io.risbnn.tensor.Scalars;
import java.util.List;

/**
 * Softmax classification: −log softmax(logits)_y, targets are class indices [B].
 *
 * <p>Under MEAN_VAR the logits are f ~ N(m, diag v) and the data term is −E log softmax_y(f), in one
 * of two ways ({@link LogitExpectation}): Monte Carlo over the K logits only (unbiased for the
 * Gaussian-logit model and cheap: K numbers per example and draw), or the second-order expansion
 * E log softmax_y(f) ≈ m_y − lse(m) − ½ Σ_k p_k(1 − p_k) v_k with p = softmax(m) (MOMENTS.md §2),
 * deterministic but only accurate for small v.
 */
public final class CategoricalLikelihood implements Likelihood {
    /** How −E log softmax_y(f) over Gaussian logits is computed under MEAN_VAR. */
    public enum LogitExpectation {
        /** Monte Carlo over the K Gaussian logits ({@link #LOGIT_SAMPLES} draws per example): unbiased. */
        MC("mc"),
        /** The second-order (delta-method) expansion: deterministic, accurate for small variances only. */
        SECOND_ORDER("second-order");

        private final String cliName;

        LogitExpectation(String cliName) {
            this.cliName = cliName;
        }

        /**
         * The name used by {@code --logit-expectation}.
         *
         * @return {@code mc} or {@code second-order}
         */
        public String cliName() {
            return cliName;
        }

        /**
         * A logit expectation by CLI name.
         *
         * @param name {@code mc} or {@code second-order} (exact, case-sensitive)
         * @return the method
         * @throws RisbnnException if {@code name} is neither
         */
        public static LogitExpectation parse(String name) {
            for (LogitExpectation e : values()) {
                if (e.cliName.equals(name)) {
                    return e;
                }
            }
            throw new RisbnnException("--logit-expectation '" + name + "': expected mc or second-order");
        }
    }

    /** Logit draws per example for {@link LogitExpectation#MC}. */
    public static final int LOGIT_SAMPLES = 32;

    private final int classes;
    private final LogitExpectation expectation;

    /**
     * A C-class softmax likelihood, Monte Carlo logit expectation under MEAN_VAR.
     *
     * @param classes C, the number of logits
     */
    public CategoricalLikelihood(int classes) {
        this(classes, LogitExpectation.MC);
    }

    /**
     * A C-class softmax likelihood.
     *
     * @param classes C, the number of logits
     * @param expectation how −E log softmax_y(f) is computed under MEAN_VAR
     */
    public CategoricalLikelihood(int classes, LogitExpectation expectation) {
        this.classes = classes;
        this.expectation = expectation;
    }

    /**
     * How −E log softmax_y(f) is computed under MEAN_VAR.
     *
     * @return the logit expectation method
     */
    public LogitExpectation expectation() {
        return expectation;
    }

    @Override
    public NDArray negativeLogLikelihood(NDArray outputs, NDArray targets) {
        NDArray logProbs = outputs.logSoftmax(-1);                            // [S, B, C]
        long samples = outputs.getShape().get(0);
        NDArray index = targets.toType(DataType.INT64, false).reshape(1, -1, 1).repeat(0, samples);
        return logProbs.gather(index, 2).neg().mean();
    }

    @Override
    public NDArray expectedNegativeLogLikelihood(NDArray mean, NDArray variance, NDArray targets) {
        if (expectation == LogitExpectation.MC) {
            Shape draws = new Shape(LOGIT_SAMPLES).addAll(mean.getShape());
            NDArray xi = mean.getManager().randomNormal(draws, mean.getDataType());
            NDArray logits = mean.expandDims(0).add(variance.sqrt().expandDims(0).mul(xi));
            return negativeLogLikelihood(logits, targets);
        }
        NDArray logProbs = mean.logSoftmax(-1);                               // [B, C]
        NDArray index = targets.toType(DataType.INT64, false).reshape(-1, 1);
        NDArray p = logProbs.exp();
        NDArray curvature = p.sub(p.square()).mul(variance).sum(new int[] {1});  // Σ p(1 − p) v
        return logProbs.gather(index, 1).reshape(-1).neg().add(Scalars.mul(curvature, 0.5)).mean();
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
