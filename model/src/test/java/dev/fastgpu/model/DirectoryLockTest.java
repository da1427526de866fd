package dev.fastgpu.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DirectoryLockTest {
    @TempDir
    Path tmp;

    @Test
    void a_directory_has_one_holder_at_a_time_and_is_free_again_once_released() throws Exception {
        Path dir = tmp.resolve("data");
        DirectoryLock first = DirectoryLock.acquire(dir, "FastGPU server");
        assertThat(Files.readString(dir.resolve(".lock")).strip()).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        assertThatThrownBy(() -> DirectoryLock.acquire(dir, "FastGPU server"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("another FastGPU server is using " + dir + " (pid " + ProcessHandle.current().pid()
                        + "); stop it first, or give this one a data directory of its own");
        DirectoryLock other = DirectoryLock.acquire(tmp.resolve("elsewhere"), "FastGPU server");
        other.close();
        first.close();
        try (DirectoryLock again = DirectoryLock.acquire(dir, "FastGPU server")) {
            assertThat(again).isNotNull();
        }
    }
}
