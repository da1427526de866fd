package dev.fastgpu.api;

import java.util.List;

/** A job's event history, oldest first. */
public record JobEventList(String jobId, List<JobEventView> items) {
}
