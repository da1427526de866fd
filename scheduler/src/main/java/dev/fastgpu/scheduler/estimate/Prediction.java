package dev.fastgpu.scheduler.estimate;

import java.time.Duration;

/**
 * A predicted run time and where it came from.
 *
 * @param estimate predicted run time
 * @param basis    which history it is based on, e.g. "user+name+gpus", "group+gpus", "prior"
 * @param samples  how many finished runs that history held
 */
public record Prediction(Duration estimate, String basis, int samples) {}
