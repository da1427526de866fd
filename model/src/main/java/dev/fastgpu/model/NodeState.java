package dev.fastgpu.model;

/** Whether a node accepts new work. */
public enum NodeState {
    /** Accepts new placements. */
    READY,
    /** Keeps running what it has but takes nothing new (maintenance, repair). */
    DRAINING,
    /** Unreachable or failed; its GPUs count as unavailable. */
    DOWN
}
