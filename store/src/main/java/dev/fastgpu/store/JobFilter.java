package dev.fastgpu.store;

import dev.fastgpu.model.JobState;

import java.util.Set;

/**
 * Which jobs to list, newest first. Null or empty fields do not filter.
 *
 * @param states    any of these states
 * @param user      owner
 * @param name      exact name
 * @param project   project
 * @param beforeSeq only jobs with a smaller seq (the cursor); 0 = from the newest
 * @param limit     at most this many
 */
public record JobFilter(Set<JobState> states, String user, String name, String project, long beforeSeq, int limit) {
    public JobFilter {
        states = states == null ? Set.of() : Set.copyOf(states);
        if (limit < 1) throw new IllegalArgumentException("limit must be >= 1");
    }

    public boolean matches(JobRecord j) {
        return (states.isEmpty() || states.contains(j.state()))
                && (user == null || user.equals(j.user()))
                && (name == null || name.equals(j.name()))
                && (project == null || project.equals(j.project()))
                && (beforeSeq <= 0 || j.seq() < beforeSeq);
    }
}
