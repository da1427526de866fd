package dev.fastgpu.agent;

import dev.fastgpu.agent.exec.JobLaunch;
import dev.fastgpu.agent.gpu.FakeNvidiaSmi;
import dev.fastgpu.api.agent.Assignment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentWiringTest {
    @TempDir
    Path tmp;

    AgentConfig config() {
        return AgentConfig.of("http://127.0.0.1:1", "join", tmp, "node-w");
    }

    @Test
    void declared_gpus_win_over_nvidia_smi() throws Exception {
        GpuInventory inv = GpuInventory.resolve(config().withDeclaredGpus("8xH100-80GB"));
        assertThat(inv.gpus()).hasSize(8);
        assertThat(inv.sampler()).isEmpty();
    }

    @Test
    void nvidia_smi_gpus_come_with_a_sampler() throws Exception {
        Path smi = FakeNvidiaSmi.write(tmp.resolve("bin"), FakeNvidiaSmi.eightH100(), List.of());
        GpuInventory inv = GpuInventory.resolve(config().withNvidiaSmi(smi.toString()));
        assertThat(inv.gpus()).hasSize(8).allSatisfy(g -> assertThat(g.model()).isEqualTo("H100"));
        assertThat(inv.sampler()).isPresent();
    }

    @Test
    void without_nvidia_smi_or_a_declaration_the_agent_says_how_to_declare_gpus() {
        // The test machine has no nvidia-smi on the PATH (skip the check where one exists).
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.fastgpu.agent.gpu.NvidiaSmi.onPath().isEmpty());
        assertThatThrownBy(() -> GpuInventory.resolve(config()))
                .hasMessageContaining("--gpus 8xH100-80GB");
    }

    @Test
    void an_assignment_becomes_a_launch_with_its_gpus_and_time_limit() {
        Assignment a = new Assignment("a-1", "j-1", 1, List.of("/bin/sh", "-c", "echo hi"), null, Map.of("K", "V"),
                List.of(4, 5), List.of("GPU-4", "GPU-5"), 1000, 0, 0, 90L);
        JobLaunch l = AssignmentMapping.toLaunch(a);
        assertThat(l.allocationId()).isEqualTo("a-1");
        assertThat(l.jobId()).isEqualTo("j-1");
        assertThat(l.command()).containsExactly("/bin/sh", "-c", "echo hi");
        assertThat(l.gpuIndices()).containsExactly(4, 5);
        assertThat(l.gpuUuids()).containsExactly("GPU-4", "GPU-5");
        assertThat(l.timeLimit()).isEqualTo(Duration.ofSeconds(90));
        assertThat(l.env()).containsEntry("K", "V");
    }

    @Test
    void a_single_shell_string_runs_through_sh_but_a_plain_program_does_not() {
        assertThat(AssignmentMapping.argv(List.of("echo hi && ls"))).containsExactly("/bin/sh", "-c", "echo hi && ls");
        assertThat(AssignmentMapping.argv(List.of("nvidia-smi"))).containsExactly("nvidia-smi");
    }
}
