package dev.fastgpu.scheduler.estimate;

import java.time.Instant;

/**
 * What is known about a job when it is submitted. Empty strings mean "unknown".
 *
 * @param user        who submitted it
 * @param group       project / virtual cluster
 * @param name        job name or command line
 * @param gpus        GPUs requested
 * @param submittedAt submission time
 */
public record JobFeatures(String user, String group, String name, int gpus, Instant submittedAt) {
    public JobFeatures {
        user = user == null ? "" : user;
        group = group == null ? "" : group;
        name = name == null ? "" : name;
        if (gpus < 0) throw new IllegalArgumentException("gpus must be >= 0, got " + gpus);
    }
}
