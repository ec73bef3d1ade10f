package io.risbnn.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in-process and captures its exit code, stdout and stderr. */
final class CliRunner {
    record Result(int code, String out, String err) {}

    private CliRunner() {}

    /** Exit code 2, one line on stderr starting "risbnn: " and mentioning {@code mustMention}, no stack trace. */
    static void assertUserError(Result r, String mustMention) {
        org.junit.jupiter.api.Assertions.assertEquals(2, r.code(), "exit code; stderr: " + r.err());
        String firstLine = r.err().lines().findFirst().orElse("");
        org.junit.jupiter.api.Assertions.assertTrue(firstLine.startsWith("risbnn: "), r.err());
        org.junit.jupiter.api.Assertions.assertTrue(firstLine.contains(mustMention), "'" + mustMention + "' not in: " + firstLine);
        org.junit.jupiter.api.Assertions.assertFalse(r.err().contains("\tat "), "stack trace printed: " + r.err());
    }

    static synchronized Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
