package io.risbnn.method.ensemble;

/**
 * Options of deep ensembles (Lakshminarayanan et al. 2017).
 *
 * @param members K, independently seeded MAP networks
 */
public record EnsembleOptions(int members) {
    /**
     * Five members, as in Lakshminarayanan et al.
     *
     * @return the default options
     */
    public static EnsembleOptions defaults() {
        return new EnsembleOptions(5);
    }
}
