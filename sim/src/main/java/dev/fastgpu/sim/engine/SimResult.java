package dev.fastgpu.sim.engine;

import dev.fastgpu.sim.metrics.JobOutcome;
import dev.fastgpu.sim.metrics.Timeline;

import java.util.List;

/**
 * Everything one replay produced.
 *
 * @param outcomes     finished jobs, in submit order
 * @param unrunnable   jobs left out because no node set of the cluster could ever hold them, with why
 * @param unfinished   jobs still waiting when no event was left (the core never placed them)
 * @param preemptions  evictions (srtf-oracle, las, learned-preemptive)
 * @param capTriggers  learned, learned-preemptive: jobs that reached the wait cap and were moved to the head of the queue
 * @param passes       calls to {@code Scheduler.schedule}
 * @param wallMs       the simulator's own run time
 */
public record SimResult(String policy, String placement, int nodes, int gpus, List<JobOutcome> outcomes,
                        List<String> unrunnable, List<String> unfinished, Timeline timeline, long preemptions,
                        long capTriggers, long passes, long wallMs) {
    public SimResult {
        outcomes = List.copyOf(outcomes);
        unrunnable = List.copyOf(unrunnable);
        unfinished = List.copyOf(unfinished);
    }
}
