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
        }
    }
}
