package dev.fastgpu.agent.exec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the agent needs to start one allocation of a job.
 *
 * @param jobId        the job
 * @param allocationId the allocation (one attempt of the job on this node); a job runs at most once per allocation
 * @param command      argv of the job's main process
 * @param env          the job's own environment variables
 * @param gpuIndices   device indices on this node that belong to the job (CUDA_VISIBLE_DEVICES)
 * @param gpuUuids     the same devices' UUIDs, same order; may be empty when unknown
 * @param timeLimit    wall-clock limit, or {@code null} for none
 * @param workdir      the directory to run in (absolute), or {@code null} for the allocation's own work directory
 */
public record JobLaunch(String jobId, String allocationId, List<String> command, Map<String, String> env,
                        List<Integer> gpuIndices, List<String> gpuUuids, Duration timeLimit, String workdir) {
    public JobLaunch {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(allocationId, "allocationId");
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("job " + jobId + " has no command to run");
        }
        command = List.copyOf(command);
        env = env == null ? Map.of() : Map.copyOf(env);
        gpuIndices = gpuIndices == null ? List.of() : List.copyOf(gpuIndices);
        gpuUuids = gpuUuids == null ? List.of() : List.copyOf(gpuUuids);
        if (timeLimit != null && (timeLimit.isNegative() || timeLimit.isZero())) timeLimit = null;
        if (workdir != null && workdir.isBlank()) workdir = null;
    }

    /** A launch that runs in the allocation's own work directory. */
    public JobLaunch(String jobId, String allocationId, List<String> command, Map<String, String> env,
                     List<Integer> gpuIndices, List<String> gpuUuids, Duration timeLimit) {
        this(jobId, allocationId, command, env, gpuIndices, gpuUuids, timeLimit, null);
    }
}
