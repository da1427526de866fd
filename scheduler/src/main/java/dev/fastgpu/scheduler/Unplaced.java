package dev.fastgpu.scheduler;

import java.util.List;

/** A job left waiting after this pass, with at least one reason. */
public record Unplaced(String jobId, List<Reason> reasons) {
    public Unplaced {
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) throw new IllegalArgumentException("an unplaced job needs at least one reason: " + jobId);
    }
}
