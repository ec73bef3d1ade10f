package io.risbnn.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.risbnn.RisbnnException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The facade's errors name its builder parameters, never CLI flags, and come before any training. */
class FitBuilderErrorsTest {
    private static final double[][] X = {{0}, {1}, {2}, {3}};
    private static final double[] Y = {0, 1, 2, 3};

    private static String error(UnaryOperator<FitBuilder> options) {
        RisbnnException e = assertThrows(RisbnnException.class,
                () -> options.apply(BayesianNetworks.regression().data(X, Y)).fit().close());
        assertFalse(e.getMessage().contains("--"), "names a CLI flag: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void numericOptionsNameTheirParameter() {
        assertEquals("epochs must be >= 1, got 0", error(b -> b.epochs(0)));
        assertEquals("batchSize must be >= 1, got -3", error(b -> b.batchSize(-3)));
        assertEquals("samples must be >= 1, got 0", error(b -> b.samples(0)));
        assertEquals("learningRate must be a positive finite number, got NaN", error(b -> b.learningRate(Double.NaN)));
        assertTrue(error(b -> b.momentum(1.5)).startsWith("momentum "));
        assertTrue(error(b -> b.hidden(8, 0)).startsWith("hidden "));
    }

    @Test
    void namesNameTheirParameter() {
        assertTrue(error(b -> b.method("bayes-by-magic")).startsWith("method 'bayes-by-magic' is not one of vi, map"));
        assertTrue(error(b -> b.estimator("mc")).startsWith("estimator 'mc'"));
        assertTrue(error(b -> b.optimizer("lbfgs")).startsWith("optimizer 'lbfgs'"));
        assertTrue(error(b -> b.objective("elbo").estimator("mc-shared").method("map")).startsWith("estimator is VI's"));
        assertTrue(error(b -> b.samples(3).method("map")).startsWith("samples is not used by method map"));
        assertTrue(error(b -> b.device("tpu")).startsWith("device "), "a device the facade does not know");
        RisbnnException gpu = assertThrows(RisbnnException.class, () -> BayesianNetworks.regression().device("gpu"));
        assertTrue(gpu.getMessage().startsWith("device gpu"), gpu.getMessage());   // this machine has no GPU
    }

    @Test
    void checksWrittenForTheCommandLineAreRenamed() {
        // the prior and the estimator/objective pair are checked by code the CLI shares
        String prior = error(b -> b.prior("gaussian:-1"));
        assertTrue(prior.contains("prior"), prior);
        String pair = error(b -> b.estimator("mc-shared").objective("mean-var"));
        assertTrue(pair.contains("mean-var"), pair);
        assertEquals("learningRate 5: x", ParameterErrors.rename("--lr 5: x"));
        assertEquals("klWarmupEpochs and lrSchedule", ParameterErrors.rename("--kl-warmup-epochs and --lr-schedule"));
    }

    @Test
    void dataIsChecked() {
        RisbnnException none = assertThrows(RisbnnException.class, () -> BayesianNetworks.regression().fit());
        assertTrue(none.getMessage().startsWith("data is required"), none.getMessage());
        RisbnnException ragged = assertThrows(RisbnnException.class,
                () -> BayesianNetworks.regression().data(new double[][] {{1}, {2}}, new double[] {1}));
        assertTrue(ragged.getMessage().startsWith("data: 2 feature rows but 1 targets"), ragged.getMessage());
        RisbnnException label = assertThrows(RisbnnException.class,
                () -> BayesianNetworks.classification(2).data(X, Y).fit());
        assertTrue(label.getMessage().startsWith("data label of row 2 is 2.0"), label.getMessage());
    }

    @Test
    void projectDataSetParametersAreChecked(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        assertTrue(error(b -> b.validation(10)).startsWith("validation is only for the project's data sets"));
        assertTrue(error(b -> b.checkpoints(tmp, 0)).startsWith("checkpoints is only for the project's data sets"));
        UnaryOperator<FitBuilder> concrete = b -> BayesianNetworks.regression().data("concrete", 0);
        assertTrue(error(concrete.andThen(b -> b.subset(100))::apply).startsWith("subset is only for image data sets"));
        assertTrue(error(concrete.andThen(b -> b.architecture("lenet"))::apply).startsWith("architecture 'lenet'"));
        assertTrue(error(concrete.andThen(b -> b.checkpoints(tmp, -1))::apply).startsWith("checkpoints must be >= 0"));
        assertTrue(error(concrete.andThen(b -> b.standardize(false))::apply).startsWith("standardize "));
        RisbnnException split = assertThrows(RisbnnException.class,
                () -> BayesianNetworks.regression().data("concrete", 99).fit().close());
        assertTrue(split.getMessage().startsWith("split 99"), split.getMessage());
        RisbnnException resume = assertThrows(RisbnnException.class, () -> BayesianNetworks.resume(tmp, 0, null));
        assertTrue(resume.getMessage().startsWith("runDir " + tmp + ": no checkpoint"), resume.getMessage());
    }
}
