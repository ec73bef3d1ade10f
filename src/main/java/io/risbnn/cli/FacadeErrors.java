package io.risbnn.cli;

import io.risbnn.api.ParameterException;
import java.util.function.Supplier;

/**
 * The library facade names its builder parameters in errors; where such an error began as one of the checks
 * the CLI shares with the facade, the command reports that original, which names the CLI's own option.
 */
final class FacadeErrors {
    private FacadeErrors() {}

    static <T> T asOptions(Supplier<T> call) {
        try {
            return call.get();
        } catch (ParameterException e) {
            if (e.getCause() instanceof RuntimeException original) {
                throw original;
            }
            throw e;
        }
    }
}
