package dev.fastgpu.api.agent;

import java.util.List;

/** The server's answer to {@link Reports}: one {@link AllocationAck} per item, in the same order. */
public record ReportAcks(List<AllocationAck> items) {
}
