package dev.fastgpu.agent;

import dev.fastgpu.agent.exec.JobLaunch;
import dev.fastgpu.api.ShellCommand;
import dev.fastgpu.api.agent.Assignment;

import java.time.Duration;
import java.util.List;

/** Turns the server's assignments into what the job runner needs. */
final class AssignmentMapping {
    private AssignmentMapping() {}

    static List<JobLaunch> toLaunches(List<Assignment> assignments) {
        return assignments == null ? List.of() : assignments.stream().map(AssignmentMapping::toLaunch).toList();
    }

    static JobLaunch toLaunch(Assignment a) {
        Duration limit = a.timeLimitSeconds() == null ? null : Duration.ofSeconds(a.timeLimitSeconds());
        return new JobLaunch(a.jobId(), a.allocationId(), argv(a.command()), a.env(), a.gpuIndices(), a.gpuUuids(), limit, a.workdir());
    }

    /** The shared rule: one string with spaces or shell syntax is a shell command line ({@link ShellCommand}). */
    static List<String> argv(List<String> command) {
        return ShellCommand.argv(command);
    }
}
