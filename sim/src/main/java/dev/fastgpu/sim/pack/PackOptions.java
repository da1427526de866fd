package dev.fastgpu.sim.pack;

import dev.fastgpu.scheduler.SchedulerConfig.PlacementStrategy;

import java.util.ArrayList;
import java.util.List;

/**
 * @param seeds        one run per seed; the seed shuffles the pod list
 * @param stopAtPct    arrivals stop once arrived GPU demand reaches this share of capacity (130)
 * @param curveStepPct the allocation curve is sampled every this many % of arrived demand
 */
public record PackOptions(List<Long> seeds, PlacementStrategy placement, double stopAtPct, double curveStepPct, int maxCandidates) {
    public PackOptions {
        seeds = List.copyOf(seeds);
        if (seeds.isEmpty()) throw new IllegalArgumentException("give at least one seed");
        if (stopAtPct < 100) throw new IllegalArgumentException("the demand to stop at must be >= 100 %, got " + stopAtPct);
        if (curveStepPct <= 0) throw new IllegalArgumentException("the curve step must be > 0 %");
    }

    /** "42-51" or "1,5,9" (or a mix) to a list of seeds. */
    public static List<Long> parseSeeds(String text) {
        List<Long> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) continue;
            try {
                int dash = p.indexOf('-', 1);
                if (dash > 0) {
                    long a = Long.parseLong(p.substring(0, dash).strip()), b = Long.parseLong(p.substring(dash + 1).strip());
                    if (b < a || b - a > 10_000) throw new NumberFormatException();
                    for (long s = a; s <= b; s++) out.add(s);
                } else {
                    out.add(Long.parseLong(p));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("seeds must look like 42-51 or 1,2,3; got '" + p + "'");
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no seeds given; use e.g. --seeds 42-51");
        return out;
    }
}
