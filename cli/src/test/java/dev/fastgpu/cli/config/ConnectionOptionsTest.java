package dev.fastgpu.cli.config;

import dev.fastgpu.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Flags beat the environment, the environment beats the config file, each value on its own. */
class ConnectionOptionsTest {
    @TempDir
    Path tmp;

    ConnectionOptions.Connection resolve(Map<String, String> env, String... flags) {
        List<String> args = new ArrayList<>(List.of("list"));
        args.addAll(List.of(flags));
        CommandLine.ParseResult parsed = Main.commandLine(env).parseArgs(args.toArray(String[]::new));
        ConnectionOptions options = (ConnectionOptions) parsed.subcommand().commandSpec().mixins().get("connection").userObject();
        return options.resolve();
    }

    Map<String, String> env(Path config, String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("FASTGPU_CONFIG", config.toString()));
        for (int i = 0; i < pairs.length; i += 2) env.put(pairs[i], pairs[i + 1]);
        return env;
    }

    @Test
    void the_config_file_is_used_when_nothing_else_is_given() throws Exception {
        Path file = tmp.resolve("config");
        new CliConfig("http://file:1", "file-token").write(file);
        assertThat(resolve(env(file))).isEqualTo(new ConnectionOptions.Connection("http://file:1", "file-token"));
    }

    @Test
    void the_environment_overrides_the_config_file_value_by_value() throws Exception {
        Path file = tmp.resolve("config");
        new CliConfig("http://file:1", "file-token").write(file);
        assertThat(resolve(env(file, "FASTGPU_URL", "http://env:2")))
                .isEqualTo(new ConnectionOptions.Connection("http://env:2", "file-token"));
        assertThat(resolve(env(file, "FASTGPU_URL", "http://env:2", "FASTGPU_TOKEN", "env-token")))
                .isEqualTo(new ConnectionOptions.Connection("http://env:2", "env-token"));
    }

    @Test
    void flags_override_the_environment_and_the_config_file() throws Exception {
        Path file = tmp.resolve("config");
        new CliConfig("http://file:1", "file-token").write(file);
        Map<String, String> env = env(file, "FASTGPU_URL", "http://env:2", "FASTGPU_TOKEN", "env-token");
        assertThat(resolve(env, "--server", "http://flag:3"))
                .isEqualTo(new ConnectionOptions.Connection("http://flag:3", "env-token"));
        assertThat(resolve(env, "--server", "http://flag:3", "--token", "flag-token"))
                .isEqualTo(new ConnectionOptions.Connection("http://flag:3", "flag-token"));
    }

    @Test
    void a_blank_environment_variable_does_not_hide_the_config_file() throws Exception {
        Path file = tmp.resolve("config");
        new CliConfig("http://file:1", "file-token").write(file);
        assertThat(resolve(env(file, "FASTGPU_URL", " ", "FASTGPU_TOKEN", "")))
                .isEqualTo(new ConnectionOptions.Connection("http://file:1", "file-token"));
    }

    @Test
    void a_missing_token_says_every_place_it_can_come_from() {
        assertThatThrownBy(() -> resolve(env(tmp.resolve("none"), "FASTGPU_URL", "http://env:2")))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--token").hasMessageContaining("FASTGPU_TOKEN").hasMessageContaining("config file");
    }
}
