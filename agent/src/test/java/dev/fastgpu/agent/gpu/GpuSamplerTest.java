package dev.fastgpu.agent.gpu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GpuSamplerTest {
    private static final Instant T0 = Instant.parse("2026-11-26T11:00:00Z");

    @TempDir
    Path tmp;

    private static GpuSampler sampler() {
        return new GpuSampler(new NvidiaSmi("/nonexistent/nvidia-smi"));
    }

    @Test
    void the_mean_of_a_span_takes_the_readings_after_its_start_up_to_its_end() {
        GpuSampler s = sampler();
        s.record(T0.plusSeconds(1), new GpuSample(0, 0, 0, 70));       // start-up: idle
        s.record(T0.plusSeconds(2), new GpuSample(0, 100, 1139, 690));
        s.record(T0.plusSeconds(3), new GpuSample(0, 98, 1200, 700));
        s.record(T0.plusSeconds(4), new GpuSample(1, 50, 10, 100));    // another GPU

        GpuSampler.Window w = s.mean(0, T0.plusSeconds(1), T0.plusSeconds(3)).orElseThrow();
        assertThat(w.readings()).isEqualTo(2);
        assertThat(w.lastReading()).isEqualTo(T0.plusSeconds(3));
        assertThat(w.mean()).isEqualTo(new GpuSample(0, 99, 1200, 695));

        assertThat(s.mean(0, T0, T0.plusSeconds(9)).orElseThrow().mean()).isEqualTo(new GpuSample(0, 66, 1200, 1460 / 3.0));
        assertThat(s.mean(0, T0.plusSeconds(3), T0.plusSeconds(9))).as("nothing after the last reading").isEmpty();
        assertThat(s.mean(7, T0, T0.plusSeconds(9))).as("a GPU never read").isEmpty();
    }

    @Test
    void values_a_board_does_not_report_are_left_out_of_their_mean() {
        GpuSampler s = sampler();
        s.record(T0.plusSeconds(1), new GpuSample(0, 40, 100, -1));
        s.record(T0.plusSeconds(2), new GpuSample(0, -1, 300, 200));
        assertThat(s.mean(0, T0, T0.plusSeconds(2)).orElseThrow().mean()).isEqualTo(new GpuSample(0, 40, 300, 200));
        s.record(T0.plusSeconds(3), new GpuSample(0, -1, 300, -1));
        assertThat(s.mean(0, T0.plusSeconds(2), T0.plusSeconds(3)).orElseThrow().mean()).as("nothing reported: unknown, not 0")
                .isEqualTo(new GpuSample(0, -1, 300, -1));
    }

    @Test
    void readings_older_than_the_kept_span_are_dropped() {
        GpuSampler s = sampler();
        s.record(T0, new GpuSample(0, 10, 1, 1));
        s.record(T0.plus(GpuSampler.KEEP).plusSeconds(1), new GpuSample(0, 90, 1, 1));
        assertThat(s.mean(0, T0.minusSeconds(1), T0.plus(GpuSampler.KEEP).plusSeconds(1)).orElseThrow().readings()).isEqualTo(1);
    }

    @Test
    void reads_the_gpus_from_nvidia_smi_in_its_loop_mode_until_closed() throws Exception {
        Path smi = FakeNvidiaSmi.write(tmp, FakeNvidiaSmi.eightH100(), List.of("0, 97, 40000, 612.50", "1, 3, 1024, [N/A]"));
        Instant from = Instant.now().minusMillis(1);
        GpuSampler s = new GpuSampler(new NvidiaSmi(smi.toString()), Duration.ofMillis(50), Clock.systemUTC());
        s.ensureRunning();
        await().atMost(Duration.ofSeconds(5)).until(() -> s.mean(1, from, Instant.now()).map(w -> w.readings() >= 3).orElse(false));
        assertThat(s.mean(0, from, Instant.now()).orElseThrow().mean()).isEqualTo(new GpuSample(0, 97, 40000, 612.5));
        assertThat(s.mean(1, from, Instant.now()).orElseThrow().mean()).as("[N/A] power stays unknown").isEqualTo(new GpuSample(1, 3, 1024, -1));

        s.close();
        Thread.sleep(300);
        int afterClose = s.mean(0, from, Instant.now()).orElseThrow().readings();
        Thread.sleep(300);
        assertThat(s.mean(0, from, Instant.now()).orElseThrow().readings()).as("no readings once closed").isEqualTo(afterClose);
    }

    @Test
    void a_line_nvidia_smi_prints_instead_of_readings_is_skipped_and_the_others_still_count() throws Exception {
        Path smi = FakeNvidiaSmi.write(tmp, FakeNvidiaSmi.eightH100(),
                List.of("Unable to determine the device handle for GPU0000:02:00.0: Unknown Error", "0, 50, 10, 100"));
        Instant from = Instant.now().minusMillis(1);
        try (GpuSampler s = new GpuSampler(new NvidiaSmi(smi.toString()), Duration.ofMillis(50), Clock.systemUTC())) {
            s.ensureRunning();
            await().atMost(Duration.ofSeconds(5)).until(() -> s.mean(0, from, Instant.now()).map(w -> w.readings() >= 3).orElse(false));
            assertThat(s.mean(0, from, Instant.now()).orElseThrow().mean()).isEqualTo(new GpuSample(0, 50, 10, 100));
        }
    }
}
