package dev.fastgpu.sim.trace;

import java.util.Set;

/**
 * One job of a trace, in the simulator's units (milliseconds from the trace's epoch).
 *
 * @param id          unique id (the trace's, or the line number when it has none)
 * @param line        the line of the source file, for messages
 * @param submitMs    submission time, ms since the epoch the trace uses
 * @param durationMs  true run time in ms (only the simulator and oracle policies may look at it)
 * @param gpus        GPUs requested
 * @param milliPerGpu share of each GPU, 1..1000
 * @param gpuModels   allowed GPU models, empty for any
 * @param group       virtual cluster / team ("" when unknown)
 * @param user        user ("" when unknown)
 * @param name        job name or command ("" when unknown)
 */
public record TraceJob(String id, int line, long submitMs, long durationMs, int gpus, int milliPerGpu,
                       Set<String> gpuModels, String group, String user, String name) {
    public TraceJob {
        gpuModels = Set.copyOf(gpuModels);
        group = group == null ? "" : group;
        user = user == null ? "" : user;
        name = name == null ? "" : name;
    }

    /** The id of a job whose trace gives none: {@code L} and its line number in seven digits ({@code L0000042}). */
    public static String lineId(int line) {
        String digits = Integer.toString(line);
        return digits.length() >= 7 ? "L" + digits : "L" + "0".repeat(7 - digits.length()) + digits;
    }

    /** Who the job belongs to for fairness: the user when known, otherwise the group. */
    public String owner() {
        return !user.isEmpty() ? user : !group.isEmpty() ? group : "-";
    }

    /** GPU demand in thousandths of a GPU. */
    public long gpuMilli() {
        return (long) gpus * milliPerGpu;
    }

}
