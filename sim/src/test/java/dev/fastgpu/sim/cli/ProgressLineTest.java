package dev.fastgpu.sim.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressLineTest {
    @Test
    void a_short_run_says_nothing_and_a_long_one_a_line_every_five_seconds() {
        long[] clock = {0};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> clock[0]);

        clock[0] = 1_900_000_000L;
        line.update("replaying fifo", 1000, 21318, "jobs finished");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();

        clock[0] = 2_100_000_000L;
        line.update("replaying fifo", 2000, 21318, "jobs finished");
        clock[0] = 6_000_000_000L;
        line.update("replaying fifo", 9000, 21318, "jobs finished"); // under 5 s since the last line
        clock[0] = 7_200_000_000L;
        line.update("replaying fifo", 10000, 21318, "jobs finished");

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "replaying fifo: 2,000 of 21,318 jobs finished (9 %) after 2.1 s",
                "replaying fifo: 10,000 of 21,318 jobs finished (47 %) after 7.2 s");
    }
}
