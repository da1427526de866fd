package dev.fastgpu.server;

import dev.fastgpu.api.client.FastGpuClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** A fresh real server (SQLite in a temp dir, 127.0.0.1 port 0) for every test, and an admin client for it. */
abstract class ServerPerTest {
    @TempDir
    Path dir;
    FastGpuServer server;
    FastGpuClient admin;

    @BeforeEach
    void startServer() {
        server = TestServers.start(dir);
        admin = TestServers.admin(server, server.adminToken());
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }
}
