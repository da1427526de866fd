package dev.fastgpu.cli;

import dev.fastgpu.cli.config.CliConfig;
import dev.fastgpu.cli.run.UpCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UpCommandTest {
    @TempDir
    Path tmp;

    @Test
    void up_starts_server_and_agent_and_configures_the_cli_for_another_terminal() throws Exception {
        Path config = tmp.resolve("home/config");
        Map<String, String> env = Map.of("FASTGPU_CONFIG", config.toString());
        try (UpCommand.Running up = UpCommand.launch(tmp.resolve("data"), 0, "2xL4-24GB", env)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
            assertThat(CliConfig.read(config)).contains(new CliConfig(up.url(), up.token()));
            assertThat(Files.isDirectory(tmp.resolve("data/server"))).isTrue();

            // "Another terminal": only the config file, no flags or FASTGPU_URL / FASTGPU_TOKEN.
            StringWriter out = new StringWriter(), err = new StringWriter();
            CommandLine cl = Main.commandLine(env);
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            assertThat(cl.execute("nodes")).as(err.toString()).isZero();
            assertThat(out.toString()).contains("L4").contains("0/2");

            // the first job `up` suggests works on declared GPUs (there is no nvidia-smi to call)
            java.util.List<String> first = UpCommand.firstJob(up.gpuSource());
            assertThat(UpCommand.shellLine(first)).isEqualTo(
                    "./fastgpu submit --gpus 1 --wait -- sh -c 'echo \"job $FASTGPU_JOB_ID has GPU $CUDA_VISIBLE_DEVICES\"'");
            out.getBuffer().setLength(0);
            assertThat(cl.execute(first.toArray(String[]::new))).as(err.toString()).isZero();
            assertThat(out.toString()).containsPattern("job j-\\d+ has GPU \\d");
            assertThat(UpCommand.shellLine(UpCommand.firstJob("found by nvidia-smi")))
                    .isEqualTo("./fastgpu submit --gpus 1 --wait -- nvidia-smi -L");
        }
    }

    @Test
    void a_second_up_on_the_same_data_keeps_the_working_token() throws Exception {
        Path config = tmp.resolve("config");
        Map<String, String> env = Map.of("FASTGPU_CONFIG", config.toString());
        String first;
        try (UpCommand.Running up = UpCommand.launch(tmp.resolve("data"), 0, "1xL4-24GB", env)) {
            first = up.token();
        }
        try (UpCommand.Running up = UpCommand.launch(tmp.resolve("data"), 0, "1xL4-24GB", env)) {
            assertThat(up.token()).isEqualTo(first);
            StringWriter err = new StringWriter();
            CommandLine cl = Main.commandLine(env);
            cl.setOut(new PrintWriter(new StringWriter(), true));
            cl.setErr(new PrintWriter(err, true));
            assertThat(cl.execute("list")).as(err.toString()).isZero();

            // a third up on the same data while this one runs is refused and changes nothing
            byte[] configBefore = Files.readAllBytes(config);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> UpCommand.launch(tmp.resolve("data"), 0, "1xL4-24GB", env))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another FastGPU server is using " + tmp.resolve("data/server"));
            assertThat(Files.readAllBytes(config)).isEqualTo(configBefore);
            assertThat(cl.execute("list")).as(err.toString()).isZero();
        }
    }

    @Test
    void up_run_trains_the_example_model_and_prints_its_result_gpu_seconds_and_cost() throws Exception {
        Path example = Path.of("..", "examples", "train", "train.py").toAbsolutePath().normalize();
        assertThat(example).exists();
        Path jobFile = tmp.resolve("job.yaml");
        Files.writeString(jobFile, """
                name: train-example
                gpus: 2
                env: {EPOCHS: "3"}
                command: ["python3", "%s"]
                """.formatted(example));
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Main.commandLine(Map.of("FASTGPU_CONFIG", tmp.resolve("config").toString()));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));

        int exit = cl.execute("up", "--data-dir", tmp.resolve("data").toString(), "--port", "0",
                "--gpus", "4xA100-80GB", "--run", jobFile.toString());

        assertThat(exit).as(out + "\n" + err).isZero();
        assertThat(out.toString())
                .contains("CUDA_VISIBLE_DEVICES=0,1")
                .contains("epoch 3/3 loss=")
                .contains("SUCCEEDED (exit code 0)")
                .contains("result.json")
                .contains("\"test_accuracy\"")
                .containsPattern("GPU-seconds: \\d+\\.\\d+ +wall time: \\d+\\.\\d+ s +cost: \\$\\d+\\.\\d+ \\(at \\$\\d+\\.\\d+ per GPU-hour\\)");
    }

    @Test
    void up_run_exits_with_the_jobs_exit_code_and_a_bad_job_file_starts_nothing() throws Exception {
        Path failing = tmp.resolve("fail.yaml");
        Files.writeString(failing, "command: [\"sh\", \"-c\", \"echo giving up; exit 7\"]\n");
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Main.commandLine(Map.of("FASTGPU_CONFIG", tmp.resolve("config").toString()));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("up", "--data-dir", tmp.resolve("data").toString(), "--port", "0", "--gpus", "1xL4-24GB",
                "--run", failing.toString())).isEqualTo(7);
        assertThat(out.toString()).contains("giving up").contains("FAILED (exit code 7)");

        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "gpuz: 2\ncommand: [\"true\"]\n");
        assertThat(cl.execute("up", "--data-dir", tmp.resolve("data2").toString(), "--port", "0", "--run", bad.toString()))
                .isNotZero();
        assertThat(err.toString()).contains("gpuz");
        assertThat(tmp.resolve("data2")).doesNotExist();

        assertThat(cl.execute("up", "--data-dir", tmp.resolve("data3").toString(), "--port", "0", "--gpus", "2xH100")).isNotZero();
        assertThat(err.toString()).contains("gives no memory per GPU");
        assertThat(tmp.resolve("data3")).doesNotExist(); // refused before the server started
    }

    @Test
    void the_start_up_cache_training_runs_every_step_and_leaves_the_users_configuration_alone() {
        Path config = tmp.resolve("config");
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(Map.of("FASTGPU_CONFIG", config.toString()));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));

        // Exit 0 only when every step worked: the drains, each CLI command against its server, the replays.
        assertThat(cl.execute("train-start-up-cache", "--jobs", "12", "--trace-jobs", "150")).as(err.toString()).isZero();
        assertThat(config).doesNotExist();
    }
}
