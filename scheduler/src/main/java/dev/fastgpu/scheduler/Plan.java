package dev.fastgpu.scheduler;

import java.util.List;

/** The outcome of one scheduling pass. Committing it is the caller's job. */
public record Plan(List<Placement> placements, List<Preemption> preemptions, List<Unplaced> unplaced) {
    public Plan {
        placements = List.copyOf(placements);
        preemptions = List.copyOf(preemptions);
        unplaced = List.copyOf(unplaced);
    }
}
