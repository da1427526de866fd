package dev.fastgpu.sim.trace;

import dev.fastgpu.sim.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OpenbReaderTest {

    @Test
    void reads_fractional_shares_model_constraints_and_cpu_only_pods() throws Exception {
        ReadResult<OpenbPod> r = OpenbReader.readPods(Fixtures.fixture("openb_pods_small.csv"));

        assertThat(r.items()).extracting(OpenbPod::name).containsExactly("pod-0", "pod-1", "pod-2", "pod-5");
        OpenbPod shared = r.items().get(1);
        assertThat(shared.gpuMilli()).isEqualTo(460);
        assertThat(shared.gpuDemandMilli()).isEqualTo(460);
        assertThat(shared.gpuModels()).isEqualTo(Set.of("V100M16", "V100M32"));
        assertThat(r.items().get(2).gpuDemandMilli()).isZero();
        assertThat(r.items().get(3).gpuDemandMilli()).isEqualTo(8000);
        assertThat(r.items().get(3).scheduledS()).isEqualTo(-1);
        assertThat(r.problems()).extracting(RowProblem::line).containsExactly(5, 6);
    }

    @Test
    void as_a_replay_trace_keeps_only_gpu_pods_that_ran() throws Exception {
        ReadResult<TraceJob> t = OpenbReader.podsAsTrace(OpenbReader.readPods(Fixtures.fixture("openb_pods_small.csv")));

        assertThat(t.items()).extracting(TraceJob::id).containsExactly("pod-0", "pod-1");
        assertThat(t.items().get(1).durationMs()).isEqualTo(480_000);
        assertThat(t.items().get(1).submitMs()).isEqualTo(10_000);
        assertThat(t.problems()).extracting(RowProblem::line).contains(4, 7);
    }

    @Test
    void recognises_each_trace_format_from_its_header() throws Exception {
        assertThat(TraceFiles.read(Fixtures.fixture("philly_small.csv"), "auto").items()).hasSize(3);
        assertThat(TraceFiles.read(Fixtures.fixture("fastgpu_small.csv"), "auto").items()).hasSize(3);
        assertThat(TraceFiles.read(Fixtures.fixture("openb_pods_small.csv"), "auto").items()).hasSize(2);
    }
}
