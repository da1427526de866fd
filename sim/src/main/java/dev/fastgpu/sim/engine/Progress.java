package dev.fastgpu.sim.engine;

/** How far a replay is, for a caller that shows it: told every {@link #EVERY} finished jobs. */
@FunctionalInterface
public interface Progress {
    /** How many finished jobs between two calls. */
    int EVERY = 1000;

    /** Nothing to show. */
    Progress NONE = (done, total) -> { };

    /** {@code done} of the replay's {@code total} jobs have finished. */
    void finished(int done, int total);
}
