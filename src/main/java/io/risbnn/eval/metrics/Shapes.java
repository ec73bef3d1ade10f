package io.risbnn.eval.metrics;

/** Shape checks shared by the metrics; mismatches are programming errors, hence IAE. */
final class Shapes {
    private Shapes() {}

    static void requireNonEmpty(int length, String what) {
        if (length == 0) {
            throw new IllegalArgumentException(what + " is empty");
        }
    }

    static void requireSameLength(int a, String aName, int b, String bName) {
        if (a != b) {
            throw new IllegalArgumentException(aName + " has length " + a + " but " + bName
                    + " has length " + b);
        }
    }

    /** Checks {@code p} is a non-empty, rectangular [N][C] matrix and returns C. */
    static int requireMatrix(double[][] p, String what) {
        requireNonEmpty(p.length, what);
        int c = p[0].length;
        if (c == 0) {
            throw new IllegalArgumentException(what + " has zero classes");
        }
        for (int n = 1; n < p.length; n++) {
            if (p[n].length != c) {
                throw new IllegalArgumentException(what + "[" + n + "] has " + p[n].length
                        + " classes but " + what + "[0] has " + c);
            }
        }
        return c;
    }

    /** Checks [N][C] probabilities against N labels in [0, C). */
    static void requireLabels(double[][] p, int[] labels) {
        int c = requireMatrix(p, "probabilities");
        requireSameLength(p.length, "probabilities", labels.length, "labels");
        for (int n = 0; n < labels.length; n++) {
            if (labels[n] < 0 || labels[n] >= c) {
                throw new IllegalArgumentException("labels[" + n + "] = " + labels[n]
                        + " is outside [0, " + c + ")");
            }
        }
    }

    /** Checks [S][N][C] sampled probabilities are non-empty and rectangular. */
    static void requireSampled(double[][][] probs) {
        requireNonEmpty(probs.length, "sampled probabilities");
        int n = probs[0].length;
        int c = requireMatrix(probs[0], "probs[0]");
        for (int s = 1; s < probs.length; s++) {
            if (probs[s].length != n) {
                throw new IllegalArgumentException("probs[" + s + "] has " + probs[s].length
                        + " points but probs[0] has " + n);
            }
            if (requireMatrix(probs[s], "probs[" + s + "]") != c) {
                throw new IllegalArgumentException("probs[" + s + "] has " + probs[s][0].length
                        + " classes but probs[0] has " + c);
            }
        }
    }
}
