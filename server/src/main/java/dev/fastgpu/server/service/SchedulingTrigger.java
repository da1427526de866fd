package dev.fastgpu.server.service;

/** Asks the scheduling loop for a pass soon (after a submission, an exit, a node change). */
@FunctionalInterface
public interface SchedulingTrigger {
    /** Something changed (a submission): a pass soon, folded with other wakes. */
    void wake();

    /**
     * Capacity was freed or added (a job ended, an allocation was released, a node joined or came
     * back): a pass at once, even if the loop is resting after a pass that placed nothing, since the
     * queue may now fit where it did not.
     */
    default void capacityChanged() {
        wake();
    }
}
