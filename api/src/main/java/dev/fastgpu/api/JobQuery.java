package dev.fastgpu.api;

import dev.fastgpu.model.JobState;

import java.util.Set;

/**
 * Filters of {@code GET /api/v1/jobs}. Null or empty means "no filter".
 *
 * @param states jobs in any of these states ({@code ?state=QUEUED,RUNNING})
 * @param user   jobs of this user
 * @param name   jobs with exactly this name
 * @param project jobs of this project
 * @param limit  page size, 1..500 (default 50)
 * @param cursor the {@code nextCursor} of the previous page
 */
public record JobQuery(Set<JobState> states, String user, String name, String project, Integer limit, String cursor) {
    public static JobQuery all() {
        return new JobQuery(Set.of(), null, null, null, null, null);
    }

    public JobQuery withStates(JobState... s) {
        return new JobQuery(Set.of(s), user, name, project, limit, cursor);
    }

    public JobQuery withUser(String u) {
        return new JobQuery(states, u, name, project, limit, cursor);
    }

    public JobQuery withName(String n) {
        return new JobQuery(states, user, n, project, limit, cursor);
    }

    public JobQuery withLimit(int l) {
        return new JobQuery(states, user, name, project, l, cursor);
    }

    public JobQuery withCursor(String c) {
        return new JobQuery(states, user, name, project, limit, c);
    }
}
