package dev.fastgpu.cli.config;

import dev.fastgpu.api.client.FastGpuClient;
import dev.fastgpu.cli.Main;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.Optional;

/** {@code --server} and {@code --token}, falling back to FASTGPU_URL / FASTGPU_TOKEN and then the config file. */
public final class ConnectionOptions {
    @Option(names = {"--server", "--url"}, paramLabel = "URL",
            description = "Server URL (default: $FASTGPU_URL, then the config file written by `fastgpu up`).")
    String url;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "API token (default: $FASTGPU_TOKEN, then the config file).")
    String token;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    public FastGpuClient client() {
        Connection c = resolve();
        return new FastGpuClient(c.url(), c.token());
    }

    /** Where the CLI connects, and with which token: each from the flag, else the environment, else the config file. */
    public record Connection(String url, String token) {}

    /** The server URL and token this command would use, with a usage error when either is missing. */
    public Connection resolve() {
        var env = Main.environment(mixee);
        Optional<CliConfig> file = CliConfig.read(CliConfig.path(env));
        String u = first(url, env.get("FASTGPU_URL"), file.map(CliConfig::url).orElse(null));
        String t = first(token, env.get("FASTGPU_TOKEN"), file.map(CliConfig::token).orElse(null));
        if (u == null) {
            throw new CommandLine.ParameterException(mixee.commandLine(),
                    "no server given: pass --server URL, set FASTGPU_URL, or start one with `fastgpu up` (it writes "
                            + CliConfig.path(env) + ")");
        }
        if (t == null) {
            throw new CommandLine.ParameterException(mixee.commandLine(),
                    "no API token given: pass --token, set FASTGPU_TOKEN, or use the config file `fastgpu up` writes");
        }
        return new Connection(u, t);
    }

    private static String first(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v;
        return null;
    }
}
