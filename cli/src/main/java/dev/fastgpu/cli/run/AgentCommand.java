package dev.fastgpu.cli.run;

import dev.fastgpu.agent.Agent;
import dev.fastgpu.agent.AgentConfig;
import dev.fastgpu.cli.Main;
import dev.fastgpu.cli.jobs.KeyValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code fastgpu agent --server URL --join-token T [--gpus 8xH100-80GB]}: runs this machine's agent until stopped. */
@Command(name = "agent", description = "Run the agent of this GPU machine: join the server, run the jobs it assigns here.")
public final class AgentCommand implements Callable<Integer> {
    @Option(names = {"--server", "--url"}, paramLabel = "URL", description = "Server URL (default: $FASTGPU_URL).")
    String server;

    @Option(names = "--join-token", paramLabel = "TOKEN", description = "The cluster's join token (default: $FASTGPU_JOIN_TOKEN).")
    String joinToken;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Job directories and the node id (default: ~/.fastgpu/agent).")
    Path dataDir;

    @Option(names = "--gpus", paramLabel = "SPEC",
            description = "Declare GPUs instead of asking nvidia-smi, e.g. 8xH100-80GB or 2xA100-40GB,1xL4-24GB (0: none).")
    String gpus;

    @Option(names = "--nvidia-smi", paramLabel = "PATH", description = "nvidia-smi to use (default: the one on the PATH).")
    String nvidiaSmi;

    @Option(names = "--name", paramLabel = "NAME", description = "Node name to report (default: the hostname).")
    String name;

    @Option(names = "--label", paramLabel = "K=V", converter = KeyValue.Converter.class,
            description = "Node label jobs may require (repeatable).")
    List<KeyValue> labels;

    @Option(names = "--stop-grace", paramLabel = "D", defaultValue = "10s",
            description = "Time between SIGTERM and SIGKILL when a job is stopped (default ${DEFAULT-VALUE}).")
    String stopGrace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = Main.environment(spec);
        String url = server != null ? server : env.get("FASTGPU_URL");
        String token = joinToken != null ? joinToken : env.get("FASTGPU_JOIN_TOKEN");
        if (url == null) throw new CommandLine.ParameterException(spec.commandLine(), "no server given: pass --server URL or set FASTGPU_URL");
        if (token == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "no join token given: pass --join-token (the server prints it at start) or set FASTGPU_JOIN_TOKEN");
        }
        Path dir = dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".fastgpu", "agent");
        AgentConfig config = AgentConfig.of(url, token, dir, name != null ? name : hostname())
                .withDeclaredGpus(gpus)
                .withNvidiaSmi(nvidiaSmi)
                .withLabels(KeyValue.toMap(labels))
                .withStopGrace(dev.fastgpu.cli.jobs.Durations.parse(stopGrace));
        Agent agent = new Agent(config).start();
        spec.commandLine().getOut().println("agent " + agent.nodeId() + " joined " + url + " with " + agent.gpus().size()
                + " GPUs; stop with Ctrl-C");
        spec.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }

}
