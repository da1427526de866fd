package dev.fastgpu.server.http;

import dev.fastgpu.server.scheduling.PlanPreview;
import dev.fastgpu.server.service.AgentService;
import dev.fastgpu.server.service.JobService;
import dev.fastgpu.server.service.LogService;
import dev.fastgpu.server.service.NodeService;
import dev.fastgpu.server.service.TokenService;
import dev.fastgpu.store.Store;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Clock;

/** What the HTTP layer calls; handlers get nothing else. */
public record Services(JobService jobs, NodeService nodes, AgentService agents, LogService logs, PlanPreview plans,
                      TokenService tokens, Store store, PrometheusMeterRegistry metrics, Clock clock, String version) {
}
