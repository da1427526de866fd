package dev.fastgpu.agent.gpu;

import java.util.Collection;
import java.util.Map;

/**
 * A job's GPU use at one moment, summed over its GPUs.
 *
 * @param utilizationPct mean utilisation of the job's GPUs, -1 when unknown
 * @param memoryUsedMib  total memory used on the job's GPUs, -1 when unknown
 * @param powerWatts     total power draw of the job's GPUs, -1 when unknown
 */
public record JobGpuUsage(double utilizationPct, long memoryUsedMib, double powerWatts) {

    /** Aggregates the samples of the given GPU indices; a value unknown on any GPU is unknown for the job. */
    public static JobGpuUsage of(Collection<Integer> gpuIndices, Map<Integer, GpuSample> samples) {
        if (gpuIndices.isEmpty()) return new JobGpuUsage(-1, -1, -1);
        double util = 0, power = 0;
        long memory = 0;
        boolean utilKnown = true, memoryKnown = true, powerKnown = true;
        for (int index : gpuIndices) {
            GpuSample s = samples.get(index);
            if (s == null) return new JobGpuUsage(-1, -1, -1);
            utilKnown &= s.utilizationPct() >= 0;
            memoryKnown &= s.memoryUsedMib() >= 0;
            powerKnown &= s.powerWatts() >= 0;
            util += s.utilizationPct();
            memory += s.memoryUsedMib();
            power += s.powerWatts();
        }
        return new JobGpuUsage(utilKnown ? util / gpuIndices.size() : -1, memoryKnown ? memory : -1, powerKnown ? power : -1);
    }
}
