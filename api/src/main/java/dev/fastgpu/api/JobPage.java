package dev.fastgpu.api;

import java.util.List;

/**
 * One page of a job listing, newest first.
 *
 * @param items      the jobs
 * @param nextCursor pass as {@code cursor} to get the next page; null on the last page
 */
public record JobPage(List<JobView> items, String nextCursor) {
}
