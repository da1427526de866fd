package dev.fastgpu.cli.run;

import dev.fastgpu.agent.Agent;
import dev.fastgpu.agent.AgentConfig;
import dev.fastgpu.agent.gpu.NvidiaSmi;
import dev.fastgpu.api.JobSpec;
import dev.fastgpu.cli.Main;
import dev.fastgpu.cli.config.CliConfig;
import dev.fastgpu.cli.jobs.JobSpecOptions;
import dev.fastgpu.server.FastGpuServer;
import dev.fastgpu.server.ServerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code fastgpu up}: the server plus a local agent in one process, on the embedded defaults. Writes
 * the URL and admin token to the CLI configuration so {@code fastgpu submit} works at once elsewhere.
 */
@Command(name = "up", description = "Start a server and a local agent in this process (data under ~/.fastgpu) and configure the CLI for it.")
public final class UpCommand implements Callable<Integer> {
    static final String DEFAULT_DECLARED = "8xH100-80GB";

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where server and agent keep their data (default: ~/.fastgpu).")
    Path dataDir;

    @Option(names = "--port", paramLabel = "P", defaultValue = "7070", description = "Listen port (default ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--gpus", paramLabel = "SPEC",
            description = "Declare GPUs, e.g. 8xH100-80GB (default: real GPUs when nvidia-smi finds some, else " + DEFAULT_DECLARED + ").")
    String gpus;

    @Option(names = "--run", paramLabel = "JOB_FILE",
            description = "Run this job file once FastGPU is up, stream its output, print its results, GPU-seconds and cost, then stop"
                    + " and exit with the job's exit code (e.g. examples/train/job.yaml).")
    Path runFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A running server and agent, and where the CLI configuration was written. */
    public record Running(FastGpuServer server, Agent agent, String url, String token, Path configFile, String gpuSource)
            implements AutoCloseable {
        @Override
        public void close() {
            agent.close();
            server.close();
        }
    }

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".fastgpu");
        // Read the job file first: a bad one fails before anything starts.
        JobSpec runSpec = runFile == null ? null : JobSpecOptions.ofFile(runFile).toSpec(null);
        Running up = launch(dir, port, gpus, Main.environment(spec));
        PrintWriter out = spec.commandLine().getOut();
        out.println("FastGPU is up on " + up.url() + " with " + up.agent().gpus().size() + " GPUs (" + up.gpuSource() + ")");
        if (runSpec != null) {
            try (up) {
                return new RunOnce(up, dir.resolve("agent"), out).run(runFile, runSpec);
            }
        }
        out.println("admin token: " + (up.token() != null ? up.token() : "(unknown: created at an earlier start; see " + up.configFile() + ")"));
        out.println("join token for more agents: " + up.server().joinToken());
        out.println("CLI configured in " + up.configFile() + "; try in another terminal:");
        out.println("  " + shellLine(firstJob(up.gpuSource())));
        out.println("Stop with Ctrl-C.");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            up.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    static final String FOUND_BY_NVIDIA_SMI = "found by nvidia-smi";

    /**
     * The first job `up` suggests, as CLI arguments: one that works on these GPUs. Declared GPUs have
     * no nvidia-smi to call, so there the job prints what FastGPU gave it instead.
     */
    public static List<String> firstJob(String gpuSource) {
        List<String> submit = List.of("submit", "--gpus", "1", "--wait", "--");
        List<String> command = FOUND_BY_NVIDIA_SMI.equals(gpuSource) ? List.of("nvidia-smi", "-L")
                : List.of("sh", "-c", "echo \"job $FASTGPU_JOB_ID has GPU $CUDA_VISIBLE_DEVICES\"");
        return java.util.stream.Stream.concat(submit.stream(), command.stream()).toList();
    }

    /** {@code ./fastgpu} and the arguments as one line for a POSIX shell (single quotes where needed). */
    public static String shellLine(List<String> args) {
        StringBuilder b = new StringBuilder("./fastgpu");
        for (String a : args) {
            b.append(' ').append(a.matches("[A-Za-z0-9_./=:,@%+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return b.toString();
    }

    /** Starts both halves and writes the CLI configuration; the caller closes the result. */
    public static Running launch(Path dataDir, int port, String declaredGpus, Map<String, String> env) throws IOException {
        if (declaredGpus != null) dev.fastgpu.agent.gpu.DeclaredGpus.parse(declaredGpus, "check"); // a typo stops us before anything starts
        Path configFile = CliConfig.path(env);
        Optional<CliConfig> previous = CliConfig.read(configFile);
        ServerConfig sc = ServerConfig.defaults().withDataDir(dataDir.resolve("server")).withPort(port);
        // On a data directory that already has an admin, the server cannot show the token again (it keeps a hash);
        // offering the token the CLI already holds lets a first start reuse it and a later start find it.
        if (previous.isPresent() && previous.get().token() != null) sc = sc.withInitialAdminToken(previous.get().token());
        FastGpuServer server = new FastGpuServer(sc).start();
        try {
            String gpuSpec = declaredGpus;
            String source;
            if (gpuSpec != null) source = "declared " + gpuSpec;
            else if (NvidiaSmi.onPath().isPresent()) source = FOUND_BY_NVIDIA_SMI;
            else {
                gpuSpec = DEFAULT_DECLARED;
                source = "declared " + gpuSpec + ": no nvidia-smi on this machine";
            }
            Agent agent = new Agent(AgentConfig.of(server.baseUrl(), server.joinToken(), dataDir.resolve("agent"), AgentCommand.hostname())
                    .withDeclaredGpus(gpuSpec)).start();
            String token = server.adminToken() != null ? server.adminToken() : previous.map(CliConfig::token).orElse(null);
            if (token != null) new CliConfig(server.baseUrl(), token).write(configFile);
            return new Running(server, agent, server.baseUrl(), token, configFile, source);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }
}
