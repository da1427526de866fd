package dev.fastgpu.sim.pack;

import java.util.List;

/**
 * One seed's packing run.
 *
 * @param curve (arrived demand %, allocated %) after each step of arrived demand
 */
public record SeedResult(long seed, double allocatedAt100, double allocatedAt130, int podsArrived, int podsPlaced,
                         int podsSkipped, List<double[]> curve, long wallMs) {
    public SeedResult {
        curve = List.copyOf(curve);
    }
}
