package io.risbnn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder replaced below. */
@Command(name = "uci")
final class UciCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new io.risbnn.RisbnnException("uci: not built yet");
    }
}
