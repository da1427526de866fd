package dev.fastgpu.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerStartTest {
    @TempDir
    Path tmp;

    @Test
    void a_port_in_use_is_a_one_line_error_that_says_how_to_fix_it_and_releases_the_database() throws Exception {
        try (FastGpuServer first = new FastGpuServer(ServerConfig.defaults().withDataDir(tmp.resolve("a")).withPort(0)).start()) {
            ServerConfig clash = ServerConfig.defaults().withDataDir(tmp.resolve("b")).withPort(first.port());
            assertThatThrownBy(() -> new FastGpuServer(clash).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + first.port())
                    .hasMessageContaining("the port is in use")
                    .hasMessageContaining("--port");
            // The failed start closed its store: the same data directory starts cleanly on a free port.
            try (FastGpuServer again = new FastGpuServer(clash.withPort(0)).start()) {
                assertThat(again.port()).isPositive().isNotEqualTo(first.port());
            }
        }
    }
}
