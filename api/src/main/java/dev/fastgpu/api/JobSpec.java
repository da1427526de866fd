package dev.fastgpu.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonFormat;

import java.util.List;
import java.util.Map;

/**
 * What a user submits (JSON body, or the same fields as YAML). Every field but {@code command} is
 * optional; the server fills in defaults and returns the normalised spec in {@link JobView#spec()}.
 *
 * @param name             a label for people (default: the first word of the command)
 * @param project          project the job is billed to (default: "default")
 * @param command          argv of the process; a single string is a shell command line run with {@code /bin/sh -c}
 * @param image            container image (reserved: the agent runs plain processes today)
 * @param workdir          working directory on the node (default: the agent's job directory)
 * @param env              environment variables for the process
 * @param gpus             number of GPUs (default 1; 0 for a CPU-only job)
 * @param gpuModels        allowed GPU models, e.g. ["H100"]; alias {@code gpuModel}; empty: any model
 * @param gpuMilli         share of each GPU in thousandths, 1..1000 (default 1000); below 1000 needs gpus = 1
 * @param minGpuMemoryMib  minimum memory per GPU in MiB
 * @param cpus             CPU cores (fractions allowed)
 * @param memoryMib        host memory in MiB
 * @param nodeLabels       labels a node must carry
 * @param priority         higher runs first and may preempt lower preemptible jobs (default 0)
 * @param preemptible      whether a higher-priority job may evict it (default false)
 * @param maxRetries       how often the job is re-queued after node loss or preemption (default 3)
 * @param timeLimitSeconds the job is stopped after this long (default: no limit)
 * @param estimatedSeconds the user's estimate of the run time (helps backfill; optional)
 */
public record JobSpec(
        String name,
        String project,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> command,
        String image,
        String workdir,
        Map<String, String> env,
        Integer gpus,
        @JsonAlias("gpuModel") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> gpuModels,
        Integer gpuMilli,
        Long minGpuMemoryMib,
        Double cpus,
        Long memoryMib,
        Map<String, String> nodeLabels,
        Integer priority,
        Boolean preemptible,
        Integer maxRetries,
        Long timeLimitSeconds,
        Long estimatedSeconds) {

    /** A spec with just a command and a GPU count; use the {@code with*} methods for the rest. */
    public static JobSpec of(int gpus, String... command) {
        return new JobSpec(null, null, List.of(command), null, null, null, gpus, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    public JobSpec withName(String v) {
        return new JobSpec(v, project, command, image, workdir, env, gpus, gpuModels, gpuMilli, minGpuMemoryMib, cpus,
                memoryMib, nodeLabels, priority, preemptible, maxRetries, timeLimitSeconds, estimatedSeconds);
    }

    public JobSpec withProject(String v) {
        return new JobSpec(name, v, command, image, workdir, env, gpus, gpuModels, gpuMilli, minGpuMemoryMib, cpus,
                memoryMib, nodeLabels, priority, preemptible, maxRetries, timeLimitSeconds, estimatedSeconds);
    }

    public JobSpec withGpuModels(String... v) {
        return new JobSpec(name, project, command, image, workdir, env, gpus, List.of(v), gpuMilli, minGpuMemoryMib, cpus,
                memoryMib, nodeLabels, priority, preemptible, maxRetries, timeLimitSeconds, estimatedSeconds);
    }

    public JobSpec withGpuMilli(int v) {
        return new JobSpec(name, project, command, image, workdir, env, gpus, gpuModels, v, minGpuMemoryMib, cpus,
                memoryMib, nodeLabels, priority, preemptible, maxRetries, timeLimitSeconds, estimatedSeconds);
    }

    public JobSpec withEnv(Map<String, String> v) {
        return new JobSpec(name, project, command, image, workdir, v, gpus, gpuModels, gpuMilli, minGpuMemoryMib, cpus,
                memoryMib, nodeLabels, priority, preemptible, maxRetries, timeLimitSeconds, estimatedSeconds);
    }

    public JobSpec withTimeLimitSeconds(long v) {
        return new JobSpec(name, project, command, image, workdir, env, gpus, gpuModels, gpuMilli, minGpuMemoryMib, cpus,
                memoryMib, nodeLabels, priority, preemptible, maxRetries, v, estimatedSeconds);
    }

    public JobSpec withMaxRetries(int v) {
        return new JobSpec(name, project, command, image, workdir, env, gpus, gpuModels, gpuMilli, minGpuMemoryMib, cpus,
                memoryMib, nodeLabels, priority, preemptible, v, timeLimitSeconds, estimatedSeconds);
    }

    public JobSpec withNodeLabels(Map<String, String> v) {
        return new JobSpec(name, project, command, image, workdir, env, gpus, gpuModels, gpuMilli, minGpuMemoryMib, cpus,
                memoryMib, v, priority, preemptible, maxRetries, timeLimitSeconds, estimatedSeconds);
    }
}
