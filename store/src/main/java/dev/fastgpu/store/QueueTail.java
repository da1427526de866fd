package dev.fastgpu.store;

import java.util.List;

/**
 * The newest part of the queue, read in one go with the size of the whole queue: what the
 * scheduling loop needs to tell "only new jobs arrived" from "the queue changed otherwise".
 *
 * @param jobs   QUEUED jobs with a seq above the one asked for, oldest first
 * @param queued how many jobs are QUEUED in all, at the same moment
 */
public record QueueTail(List<JobRecord> jobs, int queued) {
    public QueueTail {
        jobs = List.copyOf(jobs);
    }
}
