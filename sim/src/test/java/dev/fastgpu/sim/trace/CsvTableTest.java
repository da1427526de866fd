package dev.fastgpu.sim.trace;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTableTest {
    @Test
    void plain_rows_split_at_every_comma_and_quoted_cells_keep_their_commas_and_quotes() throws Exception {
        CsvTable t = CsvTable.parse(new BufferedReader(new StringReader(
                "a,b,c\n1,,3\n# a comment\n\n\"x, y\",\"say \"\"hi\"\"\",z\n4,5,\n")));

        assertThat(t.rows()).extracting(CsvTable.Row::cells).containsExactly(
                List.of("1", "", "3"), List.of("x, y", "say \"hi\"", "z"), List.of("4", "5", ""));
        assertThat(t.rows()).extracting(CsvTable.Row::line).containsExactly(2, 5, 6);
        assertThat(t.column("B")).isEqualTo(1);
    }

    @Test
    void a_job_without_an_id_is_named_after_its_line() {
        assertThat(TraceJob.lineId(42)).isEqualTo("L0000042");
        assertThat(TraceJob.lineId(1_234_567)).isEqualTo("L1234567");
        assertThat(TraceJob.lineId(12_345_678)).isEqualTo("L12345678");
    }
}
