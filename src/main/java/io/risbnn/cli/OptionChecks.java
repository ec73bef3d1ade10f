package io.risbnn.cli;

import io.risbnn.RisbnnException;

/**
 * Range checks of numeric options, with one message form: "--lr NaN: expected a finite number > 0".
 * NaN fails every comparison, so each check is written as "fail unless inside".
 */
final class OptionChecks {
    private OptionChecks() {}

    /** A finite number > 0. */
    static void positive(String option, double value) {
        require(Double.isFinite(value) && value > 0, option, value, "a finite number > 0");
    }

    /** A finite number >= {@code min}. */
    static void atLeast(String option, double value, double min) {
        require(Double.isFinite(value) && value >= min, option, value, "a finite number >= " + text(min));
    }

    /** A finite number in [lo, hi). */
    static void inHalfOpen(String option, double value, double lo, double hi) {
        require(value >= lo && value < hi, option, value, "a number in [" + text(lo) + ", " + text(hi) + ")");
    }

    /** Any finite number (NaN and ±Infinity are refused). */
    static void finite(String option, double value) {
        require(Double.isFinite(value), option, value, "a finite number");
    }

    /** An integer >= {@code min}. */
    static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new RisbnnException(option + " " + value + ": expected an integer >= " + min);
        }
    }

    /** One of the given words. */
    static void oneOf(String option, String value, String... allowed) {
        if (!java.util.Arrays.asList(allowed).contains(value)) {
            throw new RisbnnException(option + " '" + value + "': expected " + String.join(", ", allowed));
        }
    }

    private static void require(boolean ok, String option, double value, String expected) {
        if (!ok) {
            throw new RisbnnException(option + " " + text(value) + ": expected " + expected);
        }
    }

    /** 0.5 as "0.5", 1.0 as "1", NaN as "NaN": the value as the user would type it. */
    private static String text(double v) {
        boolean whole = Double.isFinite(v) && v == Math.rint(v) && Math.abs(v) < 1e15;
        return whole ? Long.toString((long) v) : Double.toString(v);
    }
}
