package dev.fastgpu.model;

/** The states of a job's life; {@link JobStateMachine} owns the transitions between them. */
public enum JobState {
    QUEUED, SCHEDULED, STARTING, RUNNING, SUCCEEDED, FAILED, CANCELLED, PREEMPTED, LOST;

    /** True for states a job never leaves. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** True while the job holds GPUs on a node (assigned, starting or running). */
    public boolean holdsResources() {
        return this == SCHEDULED || this == STARTING || this == RUNNING;
    }
}
