package io.risbnn.api;

import io.risbnn.RisbnnException;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The facade's errors name its builder parameters, never CLI flags: checks written for the command line
 * ({@code --epochs 0: …}) are rewritten to the parameter they come from ({@code epochs 0: …}).
 */
final class ParameterErrors {
    /** CLI flags whose builder parameter is not simply the flag in camel case. */
    private static final Map<String, String> RENAMED = Map.of(
            "lr", "learningRate",
            "model", "architecture",
            "method", "method",
            "batch", "batchSize");
    private static final Pattern FLAG = Pattern.compile("--([a-z][a-z0-9-]*)");

    private ParameterErrors() {}

    /** Runs {@code body}, rewriting the flags in its error messages. */
    static <T> T named(Supplier<T> body) {
        try {
            return body.get();
        } catch (RisbnnException | IllegalArgumentException e) {
            throw new ParameterException(rename(e.getMessage()), e);
        }
    }

    static void named(Runnable body) {
        named(() -> {
            body.run();
            return null;
        });
    }

    /** {@code --lr-schedule} → {@code lrSchedule}, {@code --lr} → {@code learningRate}, … */
    static String rename(String message) {
        if (message == null) {
            return "invalid parameter";
        }
        Matcher m = FLAG.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(parameterOf(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String parameterOf(String flag) {
        String known = RENAMED.get(flag);
        if (known != null) {
            return known;
        }
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : flag.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    /** A one-line error naming {@code parameter}. */
    static RisbnnException of(String parameter, String problem) {
        return new ParameterException(parameter + " " + problem);
    }
}
