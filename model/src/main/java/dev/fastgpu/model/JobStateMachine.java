package dev.fastgpu.model;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static dev.fastgpu.model.JobState.*;

/**
 * The one table of allowed job transitions (DESIGN.md, "Job lifecycle").
 *
 * <pre>
 * QUEUED -> SCHEDULED -> STARTING -> RUNNING -> SUCCEEDED | FAILED | CANCELLED
 * PREEMPTED, LOST -> QUEUED (retries remain) | FAILED
 * </pre>
 * Any non-terminal state may be cancelled; a scheduled or starting job may also fail (the node
 * rejected it) or be lost with its node.
 */
public final class JobStateMachine {
    private static final Map<JobState, Set<JobState>> ALLOWED = new EnumMap<>(JobState.class);

    static {
        ALLOWED.put(QUEUED, EnumSet.of(SCHEDULED, CANCELLED, FAILED));
        ALLOWED.put(SCHEDULED, EnumSet.of(STARTING, RUNNING, FAILED, CANCELLED, PREEMPTED, LOST, QUEUED));
        ALLOWED.put(STARTING, EnumSet.of(RUNNING, SUCCEEDED, FAILED, CANCELLED, PREEMPTED, LOST));
        ALLOWED.put(RUNNING, EnumSet.of(SUCCEEDED, FAILED, CANCELLED, PREEMPTED, LOST));
        ALLOWED.put(PREEMPTED, EnumSet.of(QUEUED, FAILED, CANCELLED));
        ALLOWED.put(LOST, EnumSet.of(QUEUED, FAILED, CANCELLED));
        ALLOWED.put(SUCCEEDED, EnumSet.noneOf(JobState.class));
        ALLOWED.put(FAILED, EnumSet.noneOf(JobState.class));
        ALLOWED.put(CANCELLED, EnumSet.noneOf(JobState.class));
    }

    private JobStateMachine() {}

    public static boolean canTransition(JobState from, JobState to) {
        return ALLOWED.get(from).contains(to);
    }

    /** Returns {@code to} when the transition is allowed; throws {@link IllegalTransitionException} otherwise. */
    public static JobState transition(JobState from, JobState to) {
        if (!canTransition(from, to)) {
            throw new IllegalTransitionException(from, to);
        }
        return to;
    }

    public static Set<JobState> allowedFrom(JobState from) {
        return EnumSet.copyOf(ALLOWED.get(from));
    }
}
