package dev.fastgpu.cli.config;

import dev.fastgpu.api.client.FastGpuClient;
import dev.fastgpu.cli.Main;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
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

    /** Clients opened by commands while {@link #closeOnExit} tracks them (only {@code main} does); else null. */
    private static List<FastGpuClient> opened;

    public FastGpuClient client() {
        Connection c = resolve();
        FastGpuClient client = new FastGpuClient(c.url(), c.token());
        synchronized (ConnectionOptions.class) {
            if (opened != null) opened.add(client);
        }
        return client;
    }

    /**
     * Runs {@code command} and then closes every client it opened, so the process can exit at once
     * (see {@link FastGpuClient#close}). For {@code main}: in-process callers (tests) keep the old
     * behaviour, where an unused client's threads end when it is garbage collected.
     */
    public static int closeOnExit(java.util.function.IntSupplier command) {
        synchronized (ConnectionOptions.class) {
            opened = new ArrayList<>();
        }
        try {
            return command.getAsInt();
        } finally {
            List<FastGpuClient> toClose;
            synchronized (ConnectionOptions.class) {
                toClose = opened;
                opened = null;
            }
            toClose.forEach(FastGpuClient::close);
        }
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
