package dev.fastgpu.sim.trace;

import dev.fastgpu.sim.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhillyReaderTest {

    @Test
    void reads_good_rows_and_reports_each_bad_row_with_its_line_number() throws Exception {
        ReadResult<TraceJob> r = PhillyReader.read(Fixtures.fixture("philly_small.csv"));

        assertThat(r.items()).hasSize(3);
        assertThat(r.problems()).extracting(RowProblem::line).containsExactly(4, 5, 6, 7);
        assertThat(r.problems().get(0).message()).contains("timestamp").contains("not-a-date");
        assertThat(r.problems().get(1).message()).contains("negative");
        assertThat(r.problems().get(2).message()).contains("num_gpus").contains("one");
        assertThat(r.problemSummary("philly_small.csv", 2)).contains("skipped 4 bad row(s)").contains("line 4").contains("...");
    }

    @Test
    void converts_timestamps_to_utc_milliseconds_and_keeps_the_vc_as_group() throws Exception {
        TraceJob first = PhillyReader.read(Fixtures.fixture("philly_small.csv")).items().getFirst();

        assertThat(first.submitMs()).isEqualTo(LocalDateTime.of(2017, 11, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli());
        assertThat(first.durationMs()).isEqualTo(100_000);
        assertThat(first.gpus()).isEqualTo(1);
        assertThat(first.group()).isEqualTo("vcA");
        assertThat(first.owner()).isEqualTo("vcA");
        assertThat(first.line()).isEqualTo(2);
    }

    @Test
    void rejects_a_file_without_the_philly_columns_with_a_message_naming_them() {
        assertThatThrownBy(() -> PhillyReader.read(Fixtures.fixture("fastgpu_small.csv")))
                .hasMessageContaining("timestamp").hasMessageContaining("num_gpus");
    }

    @Test
    void timestamps_read_by_position_agree_with_the_formatter_and_bad_ones_are_still_refused() throws Exception {
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");
        for (String ts : new String[] {"2017-11-01 00:02:12", "2017-12-31 23:59:59", "2016-02-29 12:00", "1999-01-01 00:00:00"}) {
            assertThat(PhillyReader.epochMillis(ts)).as(ts)
                    .isEqualTo(LocalDateTime.parse(ts, f).toInstant(ZoneOffset.UTC).toEpochMilli());
        }
        for (String bad : new String[] {"2017-13-01 00:00:00", "2017-11-01T00:02:12", "2017-11-0a 00:02:12", "x"}) {
            assertThatThrownBy(() -> PhillyReader.epochMillis(bad)).as(bad).hasMessageContaining("timestamp must look like 2017-11-01 00:02:12");
        }
    }
}
