package io.risbnn.cli;

import io.risbnn.data.DataSpec;
import picocli.CommandLine.Option;

/** The --data option of the regression commands. */
final class DataOption {
    @Option(names = "--data", defaultValue = DataSpec.DEFAULT_REGRESSION,
            description = "concrete (shipped), uci:DIR or table:FILE; images: fashion-mnist, mnist:DIR, fashion-mnist:DIR, cifar10:DIR, cifar100:DIR or imagefolder:DIR. Default: ${DEFAULT-VALUE}")
    String spec;
}
