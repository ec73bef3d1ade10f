package io.risbnn.method.swag;

/**
 * Options of SWAG and SWAG-diagonal (Maddox et al. 2019).
 *
 * @param startEpoch first epoch (0-based) whose iterates are collected; -1: half of the run's epochs
 * @param lr the SWAG phase's learning rate (constant, or the high end of a cyclic one); -1: the run's --lr
 * @param rank K, columns of the deviation matrix (ignored by swag-diag)
 * @param collectEverySteps collect every this many steps in the SWAG phase; 0: once per epoch, at its end
 * @param scale the sampling scale (0.5 in the paper)
 * @param schedule constant or cyclic
 * @param batchNormUpdate recompute BatchNorm statistics on the training data for every sampled network
 */
public record SwagOptions(int startEpoch, double lr, int rank, int collectEverySteps, double scale, String schedule,
                          boolean batchNormUpdate) {
    public static SwagOptions defaults() {
        return new SwagOptions(-1, -1, 20, 0, 0.5, "constant", true);
    }
}
