package io.risbnn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.List;

/**
 * The NaN/Inf checks and gradient reset every training step needs, for the trainer and for methods that take
 * their own step ({@link io.risbnn.method.StepRule}). One synchronisation per check: the sum of all sums is
 * finite iff every entry is; only then are the tensors looked at one by one to name the culprit.
 */
public final class ParameterChecks {
    private ParameterChecks() {}

    /**
     * "gradient of NAME" for the first parameter whose gradient is not finite, or null when all are.
     *
     * @param parameters the parameters, with gradients computed
     * @return the description of the first offender, or null
     */
    public static String firstNonFiniteGradient(List<NamedParameter> parameters) {
        NDArray total = null;
        for (NamedParameter p : parameters) {
            NDArray s = p.array().getGradient().sum();
            total = total == null ? s : total.add(s);
        }
        if (total == null || Double.isFinite(scalar(total))) {
            return null;
        }
        for (NamedParameter p : parameters) {
            if (!Double.isFinite(scalar(p.array().getGradient().sum()))) {
                return "gradient of " + p.name();
            }
        }
        return null;
    }

    /**
     * "parameter NAME" for the first parameter that is not finite, or null when all are.
     *
     * @param parameters the parameters
     * @return the description of the first offender, or null
     */
    public static String firstNonFiniteParameter(List<NamedParameter> parameters) {
        NDArray total = null;
        for (NamedParameter p : parameters) {
            NDArray s = p.array().sum();
            total = total == null ? s : total.add(s);
        }
        if (total == null || Double.isFinite(scalar(total))) {
            return null;
        }
        for (NamedParameter p : parameters) {
            if (!Double.isFinite(scalar(p.array().sum()))) {
                return "parameter " + p.name();
            }
        }
        return null;
    }

    /**
     * Sets every gradient to exactly 0 (index assignment, so NaN entries are cleared too).
     *
     * @param parameters the parameters whose gradients are cleared
     */
    public static void zeroGradients(List<NamedParameter> parameters) {
        for (NamedParameter p : parameters) {
            if (p.array().hasGradient()) {
                p.array().getGradient().set(new NDIndex(":"), 0f);
            }
        }
    }

    private static double scalar(NDArray a) {
        return a.toType(DataType.FLOAT64, false).getDouble();
    }
}
