package dev.fastgpu.agent.exec;

/**
 * How a job's process ended.
 *
 * @param kind     why it ended
 * @param exitCode the exit status when the process exited by itself, otherwise {@code null}
 * @param signal   the signal that ended it (e.g. "SIGTERM"), otherwise {@code null}
 * @param message  a sentence for the user
 */
public record JobOutcome(Kind kind, Integer exitCode, String signal, String message) {

    public enum Kind {
        /** The process exited by itself (any exit code) or died of a signal nobody here sent. */
        EXITED,
        /** Stopped because the server no longer assigns it (cancel, preemption). */
        CANCELLED,
        /** Stopped because the agent itself was shut down. */
        AGENT_STOPPED,
        /** Stopped because it ran past its time limit. */
        TIME_LIMIT,
        /** The process could not be started at all. */
        FAILED_TO_START,
        /** The agent lost the process (it restarted while the process ran): how it ended is unknown. */
        LOST
    }

    public boolean succeeded() {
        return kind == Kind.EXITED && exitCode != null && exitCode == 0;
    }
}
