package dev.fastgpu.model;

/** Thrown when code asks for a job transition the lifecycle does not allow. */
public final class IllegalTransitionException extends RuntimeException {
    private final JobState from;
    private final JobState to;

    public IllegalTransitionException(JobState from, JobState to) {
        super("a job cannot go from " + from + " to " + to);
        this.from = from;
        this.to = to;
    }

    public JobState from() { return from; }

    public JobState to() { return to; }
}
