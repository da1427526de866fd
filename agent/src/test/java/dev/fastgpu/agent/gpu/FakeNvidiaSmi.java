package dev.fastgpu.agent.gpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Writes a shell script that answers nvidia-smi's two queries with canned CSV, the way the real tool prints
 * it; with {@code -lms MS} after the readings query it prints them again every MS milliseconds until stopped.
 */
public final class FakeNvidiaSmi {
    private FakeNvidiaSmi() {}

    public static Path write(Path dir, List<String> inventory, List<String> samples) throws IOException {
        Files.createDirectories(dir);
        Path script = dir.resolve("nvidia-smi");
        String body = """
                #!/bin/sh
                case "$1" in
                  --query-gpu=index,uuid,name,memory.total) cat <<'CSV'
                %s
                CSV
                  ;;
                  --query-gpu=index,utilization.gpu,memory.used,power.draw)
                    if [ "$3" = "-lms" ]; then
                      pause=$(awk "BEGIN { print $4 / 1000 }")
                      while :; do
                        cat <<'CSV' || exit 0
                %s
                CSV
                        sleep "$pause"
                      done
                    fi
                    cat <<'CSV'
                %s
                CSV
                  ;;
                  *) echo "fake nvidia-smi: unsupported arguments $*" >&2; exit 2 ;;
                esac
                """.formatted(String.join("\n", inventory), String.join("\n", samples), String.join("\n", samples));
        Files.writeString(script, body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    public static List<String> eightH100() {
        return java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> i + ", GPU-00000000-0000-0000-0000-00000000000" + i + ", NVIDIA H100 80GB HBM3, 81559")
                .toList();
    }
}
