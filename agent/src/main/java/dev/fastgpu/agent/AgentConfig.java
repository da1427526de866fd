package dev.fastgpu.agent;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How an agent runs.
 *
 * @param serverUrl      the control plane, e.g. http://127.0.0.1:7070
 * @param joinToken      the cluster's join token
 * @param dataDir        job workspaces and the remembered node id live here
 * @param nodeName       hostname to report (also distinguishes several agents on one machine)
 * @param declaredGpus   e.g. "8xH100-80GB"; null to discover GPUs with nvidia-smi
 * @param nvidiaSmi      path of nvidia-smi; null to look on the PATH
 * @param labels         node labels jobs may require
 * @param stopGrace      time between SIGTERM and SIGKILL when a job is stopped
 * @param reportInterval how often output is shipped while jobs run
 * @param sampleInterval how often GPU use is sampled (only with nvidia-smi)
 */
public record AgentConfig(String serverUrl, String joinToken, Path dataDir, String nodeName, String declaredGpus,
                          String nvidiaSmi, Map<String, String> labels, Duration stopGrace, Duration reportInterval,
                          Duration sampleInterval) {
    public static final int MAX_CHUNK_BYTES = 64 * 1024;

    public AgentConfig {
        Objects.requireNonNull(serverUrl, "the server URL is required (--server or FASTGPU_URL)");
        Objects.requireNonNull(joinToken, "the join token is required (--join-token or FASTGPU_JOIN_TOKEN)");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(nodeName, "nodeName");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        stopGrace = stopGrace == null ? Duration.ofSeconds(10) : stopGrace;
        reportInterval = reportInterval == null ? Duration.ofMillis(250) : reportInterval;
        sampleInterval = sampleInterval == null ? Duration.ofSeconds(10) : sampleInterval;
    }

    /** Defaults for everything but the server, token, data directory and node name. */
    public static AgentConfig of(String serverUrl, String joinToken, Path dataDir, String nodeName) {
        return new AgentConfig(serverUrl, joinToken, dataDir, nodeName, null, null, Map.of(), null, null, null);
    }

    public AgentConfig withDeclaredGpus(String spec) {
        return new AgentConfig(serverUrl, joinToken, dataDir, nodeName, spec, nvidiaSmi, labels, stopGrace, reportInterval, sampleInterval);
    }

    public AgentConfig withNvidiaSmi(String path) {
        return new AgentConfig(serverUrl, joinToken, dataDir, nodeName, declaredGpus, path, labels, stopGrace, reportInterval, sampleInterval);
    }

    public AgentConfig withLabels(Map<String, String> l) {
        return new AgentConfig(serverUrl, joinToken, dataDir, nodeName, declaredGpus, nvidiaSmi, l, stopGrace, reportInterval, sampleInterval);
    }

    public AgentConfig withStopGrace(Duration d) {
        return new AgentConfig(serverUrl, joinToken, dataDir, nodeName, declaredGpus, nvidiaSmi, labels, d, reportInterval, sampleInterval);
    }

    public AgentConfig withSampleInterval(Duration d) {
        return new AgentConfig(serverUrl, joinToken, dataDir, nodeName, declaredGpus, nvidiaSmi, labels, stopGrace, reportInterval, d);
    }
}
