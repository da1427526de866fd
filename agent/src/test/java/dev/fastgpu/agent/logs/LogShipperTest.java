package dev.fastgpu.agent.logs;

import dev.fastgpu.api.agent.LogChunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogShipperTest {
    @TempDir
    Path tmp;

    @Test
    void seqs_run_across_both_streams_and_a_resend_is_byte_for_byte_the_same() throws IOException {
        Path out = tmp.resolve("stdout.log");
        Path err = tmp.resolve("stderr.log");
        Files.writeString(out, "o1\n");
        Files.writeString(err, "e1\n");
        LogShipper shipper = new LogShipper(out, err, 1024);

        List<LogChunk> first = shipper.batch(false);
        assertThat(first).containsExactly(new LogChunk(0, "stdout", "o1\n"), new LogChunk(1, "stderr", "e1\n"));

        Files.writeString(out, "o2\n", StandardOpenOption.APPEND); // more output while the answer was lost
        assertThat(shipper.batch(false)).isEqualTo(first);

        shipper.acknowledged();
        assertThat(shipper.batch(false)).containsExactly(new LogChunk(2, "stdout", "o2\n"));
        shipper.acknowledged();
        assertThat(shipper.batch(true)).isEmpty();
        assertThat(shipper.nextSeq()).isEqualTo(3);
    }

    @Test
    void missing_files_mean_no_output_yet() throws IOException {
        LogShipper shipper = new LogShipper(tmp.resolve("none.out"), tmp.resolve("none.err"), 1024);
        assertThat(shipper.batch(false)).isEmpty();
    }
}
