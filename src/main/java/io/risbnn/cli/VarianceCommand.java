package io.risbnn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder replaced below. */
@Command(name = "variance")
final class VarianceCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new io.risbnn.RisbnnException("variance: not built yet");
    }
}
