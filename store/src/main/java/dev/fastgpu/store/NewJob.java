package dev.fastgpu.store;

/**
 * One submission for {@link Store#insertJobs}: the job without identity, and its submission event.
 *
 * @param draft     the job; {@code id}, {@code seq} and {@code version} are assigned by the store
 * @param submitted the QUEUED event; its job id is filled in by the store
 */
public record NewJob(JobRecord draft, JobEvent submitted) {
}
