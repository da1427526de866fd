package dev.fastgpu.cli;

import dev.fastgpu.api.JobSpec;
import dev.fastgpu.cli.config.CliConfig;
import dev.fastgpu.cli.jobs.Durations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CLI behaviour that needs no server: configuration, argument checks, durations, job files. */
class CliBasicsTest {
    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {}

    Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Main.commandLine(env, args); // as the fastgpu process sets it up
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void the_config_file_is_written_owner_only_and_read_back() throws Exception {
        Path file = tmp.resolve("sub/config");
        new CliConfig("http://127.0.0.1:7070", "secret").write(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(CliConfig.read(file)).contains(new CliConfig("http://127.0.0.1:7070", "secret"));
        assertThat(CliConfig.path(Map.of("FASTGPU_CONFIG", file.toString()))).isEqualTo(file);
    }

    @Test
    void every_subcommand_answers_help_with_its_usage() {
        for (String sub : List.of("submit", "list", "ls", "status", "logs", "cancel", "nodes", "plan", "server", "agent", "up", "sim")) {
            Run r = run(Map.of(), sub, "--help");
            assertThat(r.exit()).as(sub).isZero();
            assertThat(r.out()).as(sub).contains("Usage: fastgpu ");
        }
    }

    @Test
    void a_command_is_set_up_alone_yet_the_help_the_version_and_typo_hints_see_every_command() {
        assertThat(Main.commandLine(Map.of(), "sim", "replay", "--help").getSubcommands()).containsOnlyKeys("sim");
        assertThat(Main.commandLine(Map.of(), "ls").getSubcommands()).containsOnlyKeys("list", "ls");
        assertThat(run(Map.of(), "submit", "--version").out()).contains("FastGPU");
        assertThat(run(Map.of(), "help", "cancel").out()).contains("Usage: fastgpu cancel");
        assertThat(run(Map.of(), "--help").out()).contains("submit").contains("sim").contains("up");
        Run typo = run(Map.of(), "sbumit");
        assertThat(typo.exit()).isNotZero();
        assertThat(typo.err()).contains("Did you mean: fastgpu submit");
    }

    @Test
    void a_command_without_a_server_says_how_to_give_one() {
        Run r = run(Map.of("FASTGPU_CONFIG", tmp.resolve("none").toString()), "list");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--server").contains("FASTGPU_URL").contains("fastgpu up");
    }

    @Test
    void an_unreachable_server_is_one_clear_line_not_a_stack_trace() {
        Run r = run(Map.of("FASTGPU_URL", "http://127.0.0.1:1", "FASTGPU_TOKEN", "t",
                "FASTGPU_CONFIG", tmp.resolve("none").toString()), "list");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot reach the FastGPU server").doesNotContain("\tat ");
    }

    @Test
    void submit_without_a_command_explains_where_the_command_goes() {
        Run r = run(Map.of("FASTGPU_URL", "http://127.0.0.1:1", "FASTGPU_TOKEN", "t"), "submit", "--gpus", "1");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no command to run").contains("--");
    }

    @Test
    void durations_read_the_way_people_write_them() {
        assertThat(Durations.parse("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("45m")).isEqualTo(Duration.ofMinutes(45));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThatThrownBy(() -> Durations.parse("2 hours")).hasMessageContaining("1h30m");
        assertThatThrownBy(() -> Durations.parse("0s")).hasMessageContaining("0");
    }

    @Test
    void flags_override_the_job_file() throws Exception {
        Path file = tmp.resolve("job.yaml");
        Files.writeString(file, """
                name: from-file
                command: ["python", "train.py"]
                gpus: 2
                gpuModel: A100
                env: {A: "1"}
                timeLimitSeconds: 60
                """);
        dev.fastgpu.cli.jobs.SubmitCommand submit = new dev.fastgpu.cli.jobs.SubmitCommand();
        CommandLine cl = new CommandLine(submit);
        cl.parseArgs("-f", file.toString(), "--gpus", "4", "--env", "B=2", "--time-limit", "2h");
        JobSpec spec = jobOptions(submit).toSpec(List.of());
        assertThat(spec.name()).isEqualTo("from-file");
        assertThat(spec.command()).containsExactly("python", "train.py");
        assertThat(spec.gpus()).isEqualTo(4);
        assertThat(spec.gpuModels()).containsExactly("A100");
        assertThat(spec.env()).containsEntry("A", "1").containsEntry("B", "2");
        assertThat(spec.timeLimitSeconds()).isEqualTo(7200);
    }

    @Test
    void env_values_keep_their_equals_signs_and_a_later_flag_wins() throws Exception {
        dev.fastgpu.cli.jobs.SubmitCommand submit = new dev.fastgpu.cli.jobs.SubmitCommand();
        new CommandLine(submit).parseArgs("--env", "OPTS=--lr=3e-4", "--env", "EMPTY=", "--env", "OPTS=b", "--", "true");
        assertThat(jobOptions(submit).toSpec(List.of("true")).env()).containsEntry("OPTS", "b").containsEntry("EMPTY", "");
    }

    @Test
    void a_bad_flag_gets_one_line_saying_what_was_wrong_and_where_the_usage_is() {
        Run env = run(Map.of(), "submit", "--env", "FOO", "--", "true");
        assertThat(env.exit()).isEqualTo(2);
        assertThat(env.err()).startsWith("fastgpu submit: Invalid value for option '--env' (K=V): 'FOO' is not KEY=VALUE")
                .contains("See 'fastgpu submit --help'").doesNotContain("Usage:");
        Run gpus = run(Map.of(), "submit", "--gpus", "two", "--", "true");
        assertThat(gpus.exit()).isEqualTo(2);
        assertThat(gpus.err()).contains("'two' is not an int").doesNotContain("Usage:");
        Run label = run(Map.of(), "agent", "--label", "=x");
        assertThat(label.err()).startsWith("fastgpu agent: ").contains("'=x' is not KEY=VALUE");
        Run option = run(Map.of(), "submit", "--gpu", "2", "--", "true");
        assertThat(option.err()).contains("Unknown option: '--gpu'").contains("--gpus").contains("See 'fastgpu submit --help'");
        Run nested = run(Map.of(), "sim", "replay", "--nodes", "x");
        assertThat(nested.err()).startsWith("fastgpu sim replay: ").contains("See 'fastgpu sim replay --help'");
    }

    @Test
    void a_server_url_without_http_says_how_to_write_one() {
        for (String url : List.of("notaurl", "127.0.0.1:7070", "ftp://host/x", "http://")) {
            Run r = run(Map.of("FASTGPU_CONFIG", tmp.resolve("none").toString()), "list", "--url", url, "--token", "t");
            assertThat(r.exit()).as(url).isEqualTo(1);
            assertThat(r.err()).as(url).contains("is not an http:// or https:// URL").contains("http://127.0.0.1:7070");
        }
        Run agent = run(Map.of(), "agent", "--server", "notaurl", "--join-token", "x", "--gpus", "1xL4-24GB",
                "--data-dir", tmp.resolve("agent").toString());
        assertThat(agent.err()).startsWith("fastgpu agent: the server URL 'notaurl'");
    }

    @Test
    void a_missing_input_file_is_one_line_not_a_stack_trace() {
        Run r = run(Map.of(), "sim", "replay", "--trace", tmp.resolve("nope.csv").toString(), "--nodes", "2");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("fastgpu sim replay: ").contains("nope.csv").doesNotContain("\tat ");
    }

    @Test
    void a_run_under_a_minute_shows_tenths_of_a_second() {
        assertThat(dev.fastgpu.cli.render.Formats.runTime(Duration.ofMillis(911))).isEqualTo("0.9s");
        assertThat(dev.fastgpu.cli.render.Formats.runTime(Duration.ofMillis(59_990))).isEqualTo("59.9s");
        assertThat(dev.fastgpu.cli.render.Formats.runTime(Duration.ofSeconds(90))).isEqualTo("1m30s");
    }

    @Test
    void a_typo_in_a_job_file_is_named() throws Exception {
        Path file = tmp.resolve("job.yaml");
        Files.writeString(file, "command: [echo]\ngpu: 4\n");
        Run r = run(Map.of("FASTGPU_URL", "http://127.0.0.1:1", "FASTGPU_TOKEN", "t"), "plan", "-f", file.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("gpu").contains(file.toString());
    }

    static dev.fastgpu.cli.jobs.JobSpecOptions jobOptions(dev.fastgpu.cli.jobs.SubmitCommand c) throws Exception {
        var f = dev.fastgpu.cli.jobs.SubmitCommand.class.getDeclaredField("job");
        f.setAccessible(true);
        return (dev.fastgpu.cli.jobs.JobSpecOptions) f.get(c);
    }
}
