package io.risbnn.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** The --estimators list of the commands that compare estimators. */
final class EstimatorsOption {
    static final List<String> DEFAULT = List.of("mc-shared", "lrt", "analytic", "ris");

    @Option(names = {"--estimators", "--methods"}, split = ",", defaultValue = "mc-shared,lrt,analytic,ris",
            description = "Estimators of VI (mc-shared, lrt, analytic, quadrature, ris) and methods (map), comma-separated, "
                    + "e.g. --methods ris,mc-shared,map. Default: ${DEFAULT-VALUE}")
    List<String> names;
}
