/**
 * One whole run from a data spec to written results: regression and classification runs (data, split,
 * standardisation, training through {@code train} and {@code method}, evaluation through {@code eval},
 * checkpoints, resume), comparisons over estimators and seeds, Table 1, and the published UCI reference
 * figures. The commands of {@code cli} are thin layers over this package.
 */
package io.risbnn.experiment;
