package io.risbnn.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** The --estimators list of the commands that compare estimators. */
final class EstimatorsOption {
    static final List<String> DEFAULT = List.of("mc-shared", "lrt", "analytic", "ris");

    @Option(names = "--estimators", split = ",", defaultValue = "mc-shared,lrt,analytic,ris",
            description = "Estimators, comma-separated (also quadrature). Default: ${DEFAULT-VALUE}")
    List<String> names;
}
