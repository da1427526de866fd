package dev.fastgpu.server;

import dev.fastgpu.api.agent.GpuInfo;
import dev.fastgpu.api.agent.JoinRequest;
import dev.fastgpu.api.agent.JoinResponse;
import dev.fastgpu.api.client.FastGpuClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts real servers on 127.0.0.1 port 0 with a SQLite file in a temp dir, and fake agents that speak the protocol. */
final class TestServers {
    private TestServers() {}

    static ServerConfig config(Path dir) {
        return ServerConfig.defaults().withDataDir(dir).withPort(0)
                .withTimings(Duration.ofMillis(200), Duration.ofMillis(1500), Duration.ofSeconds(3), Duration.ofMillis(500));
    }

    static FastGpuServer start(Path dir) {
        return new FastGpuServer(config(dir)).start();
    }

    static FastGpuClient admin(FastGpuServer s, String token) {
        return new FastGpuClient(s.baseUrl(), token);
    }

    static List<GpuInfo> gpus(int n, String model) {
        List<GpuInfo> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(new GpuInfo(i, "GPU-" + model + "-" + i, model, 81920, i / 4));
        return out;
    }

    /** A node joined through the HTTP protocol; {@code client} carries its agent token. */
    record Agent(String nodeId, FastGpuClient client, JoinResponse join) {
    }

    static Agent join(FastGpuServer s, String host, int gpus, String model) {
        FastGpuClient joiner = new FastGpuClient(s.baseUrl(), s.joinToken());
        JoinResponse r = joiner.join(new JoinRequest(null, host, gpus(gpus, model), 64_000, 512_000, Map.of(), "test"));
        return new Agent(r.nodeId(), joiner.withToken(r.agentToken()), r);
    }
}
