package dev.fastgpu.sim.engine;

import dev.fastgpu.sim.trace.TraceJob;

import java.util.Set;

/** Builders for hand-made traces (seconds in, milliseconds inside). */
final class Traces {
    private Traces() {}

    static TraceJob job(String id, double submitS, double durationS, int gpus) {
        return job(id, submitS, durationS, gpus, "vc");
    }

    static TraceJob job(String id, double submitS, double durationS, int gpus, String vc) {
        return new TraceJob(id, 0, Math.round(submitS * 1000), Math.round(durationS * 1000), gpus, 1000, Set.of(), vc, "", "");
    }
}
