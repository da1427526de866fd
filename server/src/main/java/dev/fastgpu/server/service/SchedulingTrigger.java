package dev.fastgpu.server.service;

/** Asks the scheduling loop for a pass soon (after a submission, an exit, a node change). */
@FunctionalInterface
public interface SchedulingTrigger {
    void wake();
}
