package dev.fastgpu.sim.engine;

/**
 * Something that happens at a virtual time. {@code epoch} is the job's epoch when the event was
 * created; an event whose job has since been started or stopped again is stale and ignored.
 */
record Event(long timeMs, long seq, Kind kind, SimJob job, int epoch) implements Comparable<Event> {
    enum Kind {
        /** The job's run ends. */
        FINISH,
        /** A preempted job has saved its checkpoint and releases its GPUs. */
        RELEASE,
        /** 2D-LAS: the running job crosses the service threshold and drops to the low queue; learned-preemptive: its quantum ends. */
        DEMOTE,
        /** learned, learned-preemptive: the queued job reaches the wait cap. */
        WAIT_CAP,
        /** Preemptive policies with a checkpoint cost: the job has run long enough to be preempted again. */
        PREEMPTIBLE
    }

    @Override
    public int compareTo(Event o) {
        int c = Long.compare(timeMs, o.timeMs);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }

    boolean isCurrent() {
        return epoch == job.epoch;
    }
}
