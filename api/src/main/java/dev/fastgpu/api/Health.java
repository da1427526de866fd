package dev.fastgpu.api;

import java.time.Instant;

/**
 * Liveness and a one-line summary.
 *
 * @param status      "ok"
 * @param version     server version
 * @param time        server clock
 * @param nodesReady  nodes taking work
 * @param jobsQueued  jobs waiting
 * @param jobsRunning jobs holding GPUs
 */
public record Health(String status, String version, Instant time, int nodesReady, int jobsQueued, int jobsRunning) {
}
