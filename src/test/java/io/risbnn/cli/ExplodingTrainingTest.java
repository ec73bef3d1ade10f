package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A learning rate that blows the run up ends with the one-line NonFinite error, under every estimator and objective. */
class ExplodingTrainingTest {
    private static final String[] TINY = {"--data", "concrete", "--samples", "2",
        "--eval-samples", "4", "--no-progress", "--threads", "1"};

    @TempDir
    Path tmp;

    private CliRunner.Result train(String... extra) {
        String[] args = new String[TINY.length + extra.length + 3];
        args[0] = "train";
        System.arraycopy(TINY, 0, args, 1, TINY.length);
        System.arraycopy(extra, 0, args, 1 + TINY.length, extra.length);
        args[args.length - 2] = "--out";
        args[args.length - 1] = tmp.resolve(String.join("-", extra).replace(":", "")).toString();
        return CliRunner.run(args);
    }

    private static void assertNonFinite(CliRunner.Result r) {
        CliRunner.assertUserError(r, "non-finite ");
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(" at step "), "names the step: " + r.err());
    }

    @Test
    void hugeLearningRateStopsEveryEstimatorWithTheNonFiniteLine() {
        for (String estimator : new String[] {"ris", "lrt", "analytic", "mc-shared"}) {
            CliRunner.Result r = train("--lr", "1e6", "--epochs", "3", "--hidden", "8", "--estimator", estimator);
            assertNonFinite(r);
            // a finite parameter overflowing in the forward pass: the line names the largest tensor ("layer.tensor")
            assertTrue(r.err().matches("(?s).*(parameter|largest parameter) \\w+\\.\\w+.*"), r.err());
        }
    }

    @Test
    void anImageModelStopsTheSameWay() {
        Path images = io.risbnn.experiment.ImageRunTesting.twoClassFolder(tmp.resolve("images"), 20, 8, 1);
        for (String estimator : new String[] {"lrt", "ris"}) {
            CliRunner.Result r = CliRunner.run("train", "--data", "imagefolder:" + images, "--estimator", estimator,
                    "--lr", "1e6", "--epochs", "2", "--samples", "2", "--eval-samples", "2", "--batch-size", "10",
                    "--no-progress", "--threads", "1", "--out", tmp.resolve("img-" + estimator).toString());
            assertNonFinite(r);
        }
    }

    /**
     * These used to end in "internal error": the parameters stayed finite, but the evaluation's noise σ
     * overflowed to ∞ (the 50-unit default network; a narrower one survives this rate).
     */
    @Test
    void overflowInTheEvaluationIsTheSameUserError() {
        for (String[] run : new String[][] {{"--estimator", "ris", "--objective", "moment"}, {"--estimator", "lrt", "--skip-nonfinite"}}) {
            List<String> args = new ArrayList<>(List.of(run));
            args.addAll(List.of("--lr", "1e3", "--epochs", "2", "--hidden", "50"));
            CliRunner.Result r = train(args.toArray(String[]::new));
            assertEquals(2, r.code(), r.err());
            List<String> errors = r.err().lines().filter(l -> !l.startsWith("note: ")).toList();   // moment's notice
            assertEquals(1, errors.size(), r.err());
            assertTrue(errors.get(0).matches("risbnn: non-finite .* in the evaluation at step \\d+ \\(epoch 1\\); lower --lr"),
                    errors.get(0));
        }
    }
}
