package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The uci training-length rule, the held-out row count and what reaches each split's child run. */
class UciLengthRuleTest {
    @Test
    void smallSetsGetAtLeastMinStepsLargeOnesKeepTheProtocol() {
        // 300 rows, batch 32: 10 steps per epoch, so S = 10000 steps need 1000 epochs (not 40 = 400 steps)
        UciCommand.Length small = UciCommand.Length.rule(40, 10000, 300, 32);
        assertEquals(1000, small.epochs());
        assertEquals(10000, small.steps());
        // bostonHousing: 455 rows, 15 steps per epoch: ceil(10000 / 15) = 667 epochs
        assertEquals(667, UciCommand.Length.rule(40, 10000, 455, 32).epochs());
        // power-plant: 8611 rows, 270 steps per epoch: 40 protocol epochs already give 10800 steps
        UciCommand.Length large = UciCommand.Length.rule(40, 10000, 8611, 32);
        assertEquals(40, large.epochs());
        assertEquals(10800, large.steps());
        assertEquals(40, UciCommand.Length.rule(40, 0, 300, 32).epochs());
        assertTrue(UciCommand.Length.rule(40, 10000, 300, 32).steps() >= 10000);
    }

    @Test
    void validationRowsAreAFractionOfTheTrainingSplit() {
        assertEquals(0, UciCommand.validationRows(0, 455));
        assertEquals(46, UciCommand.validationRows(0.1, 455));
        assertEquals(1, UciCommand.validationRows(0.001, 455));
    }

    @Test
    void childRunsGetTheEpochsTheValidationAndTheHeteroscedasticFlag() {
        List<String> own = List.of("--dir", "d", "--name", "bostonHousing", "--min-steps", "500", "--heteroscedastic",
                "--validation-fraction=0.1", "--lr", "0.01");
        List<String> forwarded = ChildRuns.withoutOptions(own,
                List.of("--dir", "--name", "--splits", "--workers", "--out", "--estimator", "--min-steps", "--validation-fraction"),
                List.of("--overwrite", "--progress", "--no-progress"));
        assertEquals(List.of("--heteroscedastic", "--lr", "0.01"), forwarded);
        List<String> args = UciCommand.childArgs(Path.of("/d/bostonHousing"), 3, "lrt", Path.of("/o/split-3"), forwarded, 667, 46);
        String line = String.join(" ", args);
        assertTrue(line.startsWith("train --data uci:/d/bostonHousing --split 3 --estimator lrt"), line);
        assertTrue(line.contains("--epochs 667 --validation 46 --heteroscedastic --lr 0.01"), line);
        assertTrue(!String.join(" ", UciCommand.childArgs(Path.of("/d/x"), 0, "ris", Path.of("/o"), List.of(), null, 0))
                .contains("--epochs"));
    }

    @Test
    void badValuesNameTheOption() {
        CliRunner.assertUserError(CliRunner.run("uci", "--dir", "/nonexistent", "--name", "x", "--min-steps", "-1"), "--min-steps -1");
        CliRunner.assertUserError(CliRunner.run("uci", "--dir", "/nonexistent", "--name", "x", "--validation-fraction", "1"),
                "--validation-fraction 1.0");
    }
}
