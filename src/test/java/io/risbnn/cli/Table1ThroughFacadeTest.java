package io.risbnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import io.risbnn.api.BayesianNetworks;
import io.risbnn.api.Posterior;
import io.risbnn.experiment.Table1;
import io.risbnn.report.Json;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code risbnn table1} trains each (row, seed) through the library facade: a user who sets the protocol's values on
 * {@link BayesianNetworks#images(String)} with the builder's own setters gets exactly the metrics the table reports.
 */
class Table1ThroughFacadeTest {
    @TempDir
    Path tmp;

    @Test
    void eachTableRunEqualsTheFacadeFitOfTheProtocol() throws Exception {
        Path data = Table1CommandTest.writeCifar10(tmp.resolve("cifar"), 4, 10, 5);
        Path out = tmp.resolve("t1");
        CliRunner.Result r = CliRunner.run("table1", "--data", "cifar10:" + data, "--model", "lenet", "--epochs", "2",
                "--subset", "16", "--seeds", "1", "--samples", "2", "--batch", "8", "--eval-samples", "3",
                "--rows", "ris,tempered", "--threads", "1", "--no-progress", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Table1.Protocol d = Table1.defaults("cifar10:" + data);
        for (String row : new String[] {"ris", "tempered"}) {
            Table1.Row spec = Table1.row(row);
            JsonObject reported = Json.parseObject(out.resolve("runs").resolve(row + "-seed0.json")).getAsJsonObject("metrics");
            try (Posterior fit = BayesianNetworks.images("cifar10:" + data).architecture("lenet").hidden(100).subset(16)
                    .augment(d.augment()).evalSamples(3).epochEvalSamples(d.epochEvalSamples()).sigmaRatio(d.sigmaRatio())
                    .rho0(d.rho0()).estimator(spec.estimator()).objective(spec.objective()).samples(2).epochs(2).batchSize(8)
                    .optimizer(d.optimizer()).momentum(d.momentum()).learningRate(d.lr()).lrSchedule(d.lrSchedule())
                    .lrStep(d.lrStepEpochs(), d.lrGamma()).prior(d.prior()).klWarmupEpochs(d.klWarmupEpochs())
                    .temperature(spec.cold() ? d.temperature() : 1.0).seed(0).fit()) {
                Map<String, Double> metrics = fit.outcome().metrics();
                assertEquals(reported.keySet(), metrics.keySet(), row);
                for (String key : reported.keySet()) {
                    assertEquals(reported.get(key).getAsDouble(), metrics.get(key), 0.0, row + " " + key);
                }
            }
        }
    }
}
