package dev.fastgpu.sim.cluster;

import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.sim.Fixtures;
import dev.fastgpu.sim.trace.CsvTable;
import dev.fastgpu.sim.trace.ReadResult;
import dev.fastgpu.sim.trace.RowProblem;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeListReaderTest {

    @Test
    void reads_openb_nodes_with_their_model_cpu_and_memory() throws Exception {
        ReadResult<NodeSnapshot> r = NodeListReader.read(Fixtures.fixture("openb_nodes_small.csv"));

        assertThat(r.items()).extracting(NodeSnapshot::id).containsExactly("node-a", "node-b", "node-c");
        NodeSnapshot b = r.items().get(1);
        assertThat(b.gpus()).hasSize(8);
        assertThat(b.gpus().get(7).model()).isEqualTo("G2");
        assertThat(b.cpuMilli()).isEqualTo(96_000);
        assertThat(b.memoryMib()).isEqualTo(786_432);
        assertThat(r.items().get(2).gpus()).isEmpty();
        assertThat(r.problems()).extracting(RowProblem::line).containsExactly(5);
    }

    @Test
    void reads_the_fastgpu_node_format_and_converts_pai_units() throws Exception {
        var fast = NodeListReader.parse(CsvTable.parse(new BufferedReader(new StringReader("id,gpus,gpu_model\nbox1,4,H100\n"))));
        var pai = NodeListReader.parse(CsvTable.parse(new BufferedReader(new StringReader(
                "machine,gpu_type,cap_cpu,cap_mem,cap_gpu\nm1,V100,96,512,8\n"))));

        assertThat(fast.items().getFirst().gpus()).hasSize(4);
        assertThat(pai.items().getFirst().cpuMilli()).isEqualTo(96_000);
        assertThat(pai.items().getFirst().memoryMib()).isEqualTo(512 * 1024);
    }

    @Test
    void an_unknown_header_gets_a_message_listing_the_formats() {
        assertThatThrownBy(() -> NodeListReader.parse(CsvTable.parse(new BufferedReader(new StringReader("a,b\n1,2\n")))))
                .hasMessageContaining("id,gpus,gpu_model").hasMessageContaining("sn,cpu_milli");
    }

    @Test
    void builds_uniform_and_pooled_clusters() {
        assertThat(ClusterSpec.uniform("n", 60, 8, "V100").totalGpus()).isEqualTo(480);
        assertThat(ClusterSpec.uniform("n", 60, 8, "V100").nodes().getFirst().id()).isEqualTo("n0001");
        assertThat(ClusterSpec.pooled(60, 8, "V100").nodes()).hasSize(1);
        assertThat(ClusterSpec.pooled(60, 8, "V100").maxGpusPerNode()).isEqualTo(480);
    }
}
