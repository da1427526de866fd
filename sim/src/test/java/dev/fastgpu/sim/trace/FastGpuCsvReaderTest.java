package dev.fastgpu.sim.trace;

import dev.fastgpu.sim.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FastGpuCsvReaderTest {

    @Test
    void reads_all_documented_columns() throws Exception {
        ReadResult<TraceJob> r = FastGpuCsvReader.read(Fixtures.fixture("fastgpu_small.csv"));

        assertThat(r.items()).extracting(TraceJob::id).containsExactly("a", "b", "e");
        TraceJob b = r.items().get(1);
        assertThat(b.submitMs()).isEqualTo(5_500);
        assertThat(b.durationMs()).isEqualTo(50_000);
        assertThat(b.milliPerGpu()).isEqualTo(500);
        assertThat(b.gpuModels()).isEqualTo(Set.of("T4", "A10"));
        assertThat(b.group()).isEqualTo("teamx");
        assertThat(b.user()).isEqualTo("bob");
        assertThat(b.owner()).isEqualTo("bob");
        assertThat(b.name()).isEqualTo("infer");
        assertThat(r.items().get(0).milliPerGpu()).isEqualTo(1000);
    }

    @Test
    void reports_duplicate_ids_bad_shares_and_bad_numbers_by_line() throws Exception {
        ReadResult<TraceJob> r = FastGpuCsvReader.read(Fixtures.fixture("fastgpu_small.csv"));

        assertThat(r.problems()).extracting(RowProblem::line).containsExactly(5, 6, 7);
        assertThat(r.problems().get(0).message()).contains("appears twice");
        assertThat(r.problems().get(1).message()).contains("gpus = 1");
        assertThat(r.problems().get(2).message()).contains("duration_s").contains("abc");
    }
}
