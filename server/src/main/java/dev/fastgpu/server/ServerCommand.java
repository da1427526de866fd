package dev.fastgpu.server;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code fastgpu server}: runs the control plane until interrupted. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Run the FastGPU control plane (HTTP API, scheduler, state in SQLite).",
                "Settings: defaults < config file (<data-dir>/server.yaml or --config) < FASTGPU_* environment < flags."})
public final class ServerCommand implements Callable<Integer> {

    @Option(names = "--data-dir", description = "State directory (default: ~/.fastgpu/server; env FASTGPU_DATA_DIR)")
    Path dataDir;

    @Option(names = "--port", description = "Listen port (default 7070; 0 = any free port; env FASTGPU_PORT)")
    Integer port;

    @Option(names = "--host", description = "Listen address (default 127.0.0.1; use 0.0.0.0 to accept agents from other machines; env FASTGPU_HOST)")
    String host;

    @Option(names = "--config", description = "YAML config file (default: <data-dir>/server.yaml)")
    Path configFile;

    @Option(names = "--in-memory", description = "Keep state in memory only (nothing survives a restart)")
    boolean inMemory;

    @Override
    public Integer call() throws Exception {
        ServerConfig config = resolve();
        FastGpuServer server = new FastGpuServer(config).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }));
        System.out.println("FastGPU server " + FastGpuServer.VERSION + " on " + server.baseUrl());
        if (server.adminToken() != null) {
            System.out.println();
            System.out.println("Admin token (shown only now; the server keeps only its hash):");
            System.out.println("  " + server.adminToken());
            System.out.println("Use it with: export FASTGPU_TOKEN=" + server.adminToken());
        }
        if (server.joinToken() != null) {
            System.out.println("Join token for agents (also in " + config.dataDir().resolve("join-token") + "):");
            System.out.println("  " + server.joinToken());
        }
        System.out.flush();
        stopped.await();
        return 0;
    }

    ServerConfig resolve() {
        ServerConfig c = ServerConfig.defaults().withEnv(System.getenv());
        Path dir = dataDir != null ? dataDir : c.dataDir();
        c = c.withDataDir(dir).withFile(configFile != null ? configFile : dir.resolve("server.yaml")).withEnv(System.getenv());
        if (dataDir != null) c = c.withDataDir(dataDir);
        if (port != null) c = c.withPort(port);
        if (host != null) c = c.withHost(host);
        if (inMemory) c = c.withStore("memory");
        return c.validated();
    }
}
