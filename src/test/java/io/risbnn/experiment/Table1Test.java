package io.risbnn.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.risbnn.RisbnnException;
import io.risbnn.objective.Objective;
import io.risbnn.train.LrSchedule;
import io.risbnn.train.TrainConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The protocol as data: rows, defaults, run configurations and the run key that decides reuse. */
class Table1Test {
    private final Table1.Protocol defaults = Table1.defaults("cifar10:/data");

    @Test
    void posterTableHasAllEightRowsAndTheirFigures() {
        assertEquals(8, Table1.POSTER.size());
        assertEquals(List.of("MFVI", "MFVI (tempered)", "SWAG", "VOGN", "GLM", "Adversarial Sampling", "RIS", "HMC"),
                Table1.POSTER.stream().map(Table1.PosterRow::method).toList());
        Table1.PosterRow ris = Table1.POSTER.get(6);
        assertEquals(87.37, ris.accuracy());
        assertEquals(0.26, ris.std());
        assertEquals("ris", ris.rowId());
        assertEquals("hmc", Table1.POSTER.get(7).rowId());   // every poster row is a method of risbnn now
    }

    @Test
    void defaultsAreThePostersProtocol() {
        assertEquals("resnet20", defaults.model());
        assertEquals(100, defaults.epochs());
        assertTrue(defaults.augment());
        assertEquals(List.of("mfvi", "tempered", "ris"), defaults.rows());
        TrainConfig mfvi = defaults.config(Table1.row("mfvi"), 4, 50_000);
        assertEquals("mc-shared", mfvi.estimator());
        assertEquals(Objective.ELBO, mfvi.objective());
        assertEquals(1.0, mfvi.kl().factor(0));
        assertEquals(10, mfvi.samples());
        assertEquals(4, mfvi.seed());
        assertEquals(LrSchedule.Kind.COSINE, mfvi.lr().kind());
        TrainConfig tempered = defaults.config(Table1.row("tempered"), 0, 50_000);
        assertEquals(0.1, tempered.kl().factor(0));
        TrainConfig ris = defaults.config(Table1.row("ris"), 0, 50_000);
        assertEquals("ris", ris.estimator());
        assertEquals(Objective.MOMENT, ris.objective());
        assertEquals(tempered.kl(), ris.kl());
        assertEquals(10, ris.samples());
        assertEquals(100, defaults.config(Table1.row("ris-m100"), 0, 50_000).samples());
        assertEquals(50_000, defaults.config(Table1.row("hmc"), 0, 50_000).batchSize(), "HMC's row is full-batch");
        assertEquals(10, defaults.config(Table1.row("vogn"), 0, 50_000).samples(), "VOGN draws the protocol's M");
        assertEquals(1, defaults.config(Table1.row("swag"), 0, 50_000).samples());
    }

    @Test
    void oneSeedShowsNoSpreadAndSeveralShowTheSampleStd() {
        Table1Runner.Finished a = new Table1Runner.Finished("ris", 0, Map.of("accuracy", 0.3266), 1, 1, 3);
        Table1Runner.Finished b = new Table1Runner.Finished("ris", 1, Map.of("accuracy", 0.3466), 1, 1, 3);
        assertEquals("32.66 (n=1)", Table1Runner.accuracyCell(List.of(a), 1));
        assertEquals("32.66 (n=1 of 3)", Table1Runner.accuracyCell(List.of(a), 3));
        assertEquals("33.66 ± 1.41 (n=2)", Table1Runner.accuracyCell(List.of(a, b), 2));   // std of 32.66, 34.66 = √2
    }

    @Test
    void rowsAreParsedAndBadOnesRefused() {
        assertEquals(List.of("ris", "mfvi"), Table1.parseRows(List.of("RIS", " mfvi", "ris")));
        RisbnnException e = assertThrows(RisbnnException.class, () -> Table1.parseRows(List.of("mfvi", "nuts")));
        // every row is named, the poster's first
        String ids = String.join(", ", Table1.ROWS.stream().map(Table1.Row::id).toList());
        assertTrue(ids.startsWith("mfvi, tempered, ris, ris-m100, ris-meanvar, analytic-meanvar, map, swag"), ids);
        assertEquals("--rows: unknown row 'nuts'; expected a comma-separated list of " + ids, e.getMessage());
        assertThrows(RisbnnException.class, () -> Table1.parseRows(List.of(" ")));
    }

    @Test
    void runKeyChangesWithWhatDecidesTheResultOnly() {
        Table1.Row ris = Table1.row("ris");
        Map<String, Object> key = defaults.runKey(ris, 0);
        Table1.Protocol moreSeeds = new Table1.Protocol(defaults.data(), defaults.model(), defaults.epochs(),
                defaults.batchSize(), defaults.optimizer(), defaults.momentum(), defaults.lr(), defaults.lrSchedule(),
                defaults.lrStepEpochs(), defaults.lrGamma(), defaults.temperature(), defaults.klWarmupEpochs(),
                defaults.prior(), defaults.samples(), defaults.largeSamples(), defaults.subset(), defaults.augment(),
                defaults.evalSamples(), defaults.epochEvalSamples(), defaults.sigmaRatio(), defaults.rho0(), 5, 0,
                List.of("ris"));
        assertEquals(key, moreSeeds.runKey(ris, 0));
        Table1.Protocol fewerEpochs = new Table1.Protocol(defaults.data(), defaults.model(), 3,
                defaults.batchSize(), defaults.optimizer(), defaults.momentum(), defaults.lr(), defaults.lrSchedule(),
                defaults.lrStepEpochs(), defaults.lrGamma(), defaults.temperature(), defaults.klWarmupEpochs(),
                defaults.prior(), defaults.samples(), defaults.largeSamples(), defaults.subset(), defaults.augment(),
                defaults.evalSamples(), defaults.epochEvalSamples(), defaults.sigmaRatio(), defaults.rho0(), 5, 0,
                List.of("ris"));
        assertFalse(key.equals(fewerEpochs.runKey(ris, 0)));
        assertFalse(key.equals(defaults.runKey(ris, 1)));
    }

    @Test
    void invalidProtocolsAreRefusedWithTheOption() {
        RisbnnException e = assertThrows(RisbnnException.class, () -> new Table1.Protocol("concrete", "resnet20", 1, 1, "adam",
                0.9, 1e-3, "cosine", 30, 0.1, 0.1, 0, "gaussian:1.0", 1, 1, 0, true, 1, 1, 0.01, null, 1, 0, List.of("ris")));
        assertTrue(e.getMessage().startsWith("--data concrete"), e.getMessage());
        e = assertThrows(RisbnnException.class, () -> new Table1.Protocol("cifar10:/d", "resnet20", 1, 1, "adam",
                0.9, 1e-3, "cosine", 30, 0.1, 2.0, 0, "gaussian:1.0", 1, 1, 0, true, 1, 1, 0.01, null, 1, 0, List.of("ris")));
        assertTrue(e.getMessage().startsWith("--temperature 2.0"), e.getMessage());
        e = assertThrows(RisbnnException.class, () -> new Table1.Protocol("cifar10:/d", "resnet20", 1, 1, "adamw",
                0.9, 1e-3, "cosine", 30, 0.1, 0.1, 0, "gaussian:1.0", 1, 1, 0, true, 1, 1, 0.01, null, 1, 0, List.of("ris")));
        assertTrue(e.getMessage().startsWith("--optimizer 'adamw'"), e.getMessage());
    }
}
