package dev.fastgpu.cli.run;

import dev.fastgpu.api.JobQuery;
import dev.fastgpu.api.JobSpec;
import dev.fastgpu.api.client.FastGpuClient;
import dev.fastgpu.cli.Main;
import dev.fastgpu.cli.config.CliConfig;
import dev.fastgpu.model.JobState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * {@code fastgpu train-start-up-cache}: the work the {@code ./fastgpu} launcher records once per build
 * into the JDK's ahead-of-time cache ({@code -XX:AOTCacheOutput}, JEP 483/514/515): which classes
 * FastGPU loads and how its methods behave, so that a later server, agent, CLI command or simulator
 * run starts with classes linked and the JIT compiling hot code at once instead of after thousands
 * of calls. It runs, in a temporary directory that it deletes, one or both parts:
 * <ul>
 * <li>{@code service}: {@code up} with 8 declared GPUs on a free loopback port; trivial jobs
 *     submitted over four connections and drained; the CLI commands a user runs against it;</li>
 * <li>{@code client}: the CLI commands a user runs, against an {@code up} started as a separate
 *     process (so that no server class is recorded);</li>
 * <li>{@code sim}: short simulator replays on a generated trace (none of the benchmark traces).</li>
 * </ul>
 * The launcher keeps one cache per part: a JVM started from a cache loads every class in it at
 * once, and a {@code fastgpu submit} started from the server's cache took longer than one started
 * from none.
 * Hidden: only the launcher calls it.
 */
@Command(name = "train-start-up-cache", hidden = true,
        description = "Run a short training workload for the JDK's start-up cache (the ./fastgpu launcher does this once per build).")
public final class TrainCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--jobs", defaultValue = "400", description = "trivial jobs to drain (default: ${DEFAULT-VALUE})")
    int jobs;

    /** The parts of the training workload; see the class comment. */
    public enum Part { service, client, sim }

    @Option(names = "--part", split = ",", defaultValue = "service,client,sim",
            description = "what to train: service, client, sim or several (default: ${DEFAULT-VALUE})")
    Set<Part> parts;

    @Option(names = "--trace-jobs", defaultValue = "2000", description = "jobs of the generated trace replayed (default: ${DEFAULT-VALUE})")
    int traceJobs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final List<String> failures = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("fastgpu-train");
        try {
            Map<String, String> env = new HashMap<>(Main.environment(spec));
            env.put("FASTGPU_CONFIG", dir.resolve("config").toString());
            if (parts.contains(Part.service)) service(dir, env);
            if (parts.contains(Part.client)) client(dir, env);
            if (parts.contains(Part.sim)) sim(dir, env);
            failures.forEach(spec.commandLine().getErr()::println);
            return failures.isEmpty() ? 0 : 1;
        } finally {
            deleteTree(dir);
        }
    }

    private void service(Path dir, Map<String, String> env) throws Exception {
        try (UpCommand.Running up = UpCommand.launch(dir, 0, "8xH100-80GB", env)) {
            env.put("FASTGPU_URL", up.url());
            env.put("FASTGPU_TOKEN", up.token());
            FastGpuClient client = new FastGpuClient(up.url(), up.token());
            drain(client, jobs, 4);
            drain(client, jobs / 2, 4);
            userCommands(env, client);
        }
    }

    /** The commands a user runs, against the server {@code env} names. */
    private void userCommands(Map<String, String> env, FastGpuClient client) throws IOException {
        cli(env, "submit", "--gpus", "1", "--name", "train", "--wait", "--", "sh", "-c", "echo training");
        for (int i = 0; i < 20; i++) cli(env, "submit", "--gpus", "1", "--", "true");
        String id = client.submit(JobSpec.of(1, "true")).id();
        String running = client.submit(JobSpec.of(1, "sleep", "60")).id();
        for (String[] args : List.of(new String[] {"list"}, new String[] {"list", "-o", "json"}, new String[] {"status", id},
                new String[] {"status", id, "-o", "json"}, new String[] {"logs", id}, new String[] {"nodes"},
                new String[] {"nodes", "-o", "json"}, new String[] {"cancel", running}, new String[] {"--help"},
                new String[] {"--version"})) {
            cli(env, args);
        }
    }

    /**
     * The user's commands against {@code up} in a process of its own (this JVM's own class path, no
     * training options), which is stopped afterwards.
     */
    private void client(Path dir, Map<String, String> env) throws Exception {
        Path config = dir.resolve("client-config");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "up", "--data-dir", dir.resolve("client-data").toString(), "--port", "0", "--gpus", "8xH100-80GB");
        pb.environment().put("FASTGPU_CONFIG", config.toString());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("client-up.log").toFile());
        Process up = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            Optional<CliConfig> written = CliConfig.read(config);
            while (written.isEmpty() || written.get().token() == null) {
                if (!up.isAlive() || System.nanoTime() > deadline) {
                    failures.add("the server for the client part did not start: " + Files.readString(dir.resolve("client-up.log")).strip());
                    return;
                }
                Thread.sleep(50);
                written = CliConfig.read(config);
            }
            Map<String, String> clientEnv = new HashMap<>(env);
            clientEnv.put("FASTGPU_URL", written.get().url());
            clientEnv.put("FASTGPU_TOKEN", written.get().token());
            FastGpuClient client = new FastGpuClient(written.get().url(), written.get().token());
            userCommands(clientEnv, client);
        } finally {
            up.destroy();
            if (!up.waitFor(20, TimeUnit.SECONDS)) up.destroyForcibly().waitFor();
        }
    }

    private void sim(Path dir, Map<String, String> env) throws IOException {
        Path trace = generatedTrace(dir.resolve("trace.csv"), traceJobs);
        cli(env, "sim", "replay", "--trace", trace.toString(), "--nodes", "8", "--policy",
                "fifo,fifo-backfill,sjf-oracle,sjf-oracle-backfill,learned,las,learned-preemptive", "--json");
        cli(env, "sim", "replay", "--trace", trace.toString(), "--nodes", "8", "--pooled", "--policy", "srtf-oracle,las", "--json");
        cli(env, "sim", "replay", "--trace", trace.toString(), "--nodes", "8", "--policy", "fifo-backfill", "--placement", "frag");
    }

    /** {@code n} trivial jobs over {@code connections} connections, then waits until none is left unfinished. */
    private static void drain(FastGpuClient client, int n, int connections) throws Exception {
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(connections)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < connections; w++) {
                workers.add(pool.submit(() -> {
                    while (next.getAndIncrement() < n) client.submit(JobSpec.of(1, "true"));
                    return null;
                }));
            }
            for (Future<?> f : workers) f.get(5, TimeUnit.MINUTES);
        }
        Set<JobState> unfinished = EnumSet.noneOf(JobState.class);
        for (JobState s : JobState.values()) if (!s.isTerminal()) unfinished.add(s);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!client.jobs(new JobQuery(unfinished, null, null, null, 1, null)).items().isEmpty()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("training jobs still unfinished after 5 minutes");
            Thread.sleep(20);
        }
    }

    /** Runs one CLI command in this process, its output discarded; a failure is recorded with its error output. */
    private void cli(Map<String, String> env, String... args) {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cl = Main.commandLine(env, args);
        cl.setOut(new PrintWriter(OutputStream.nullOutputStream()));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        if (code != 0) failures.add("fastgpu " + String.join(" ", args) + " exited " + code + ": " + err.toString().strip());
    }

    /**
     * A small Philly-format trace: {@code n} jobs 25 minutes apart on average, 1-32 GPUs, durations from a minute to a
     * day, in a few VCs; random (fixed seed) and unrelated to any benchmark trace.
     */
    private static Path generatedTrace(Path file, int n) throws IOException {
        Random r = new Random(7);
        DateTimeFormatter ts = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        LocalDateTime t = LocalDateTime.of(2020, 1, 1, 0, 0);
        StringBuilder csv = new StringBuilder("timestamp,duration,num_gpus,gpu_time,cluster\n");
        int[] sizes = {1, 1, 1, 1, 2, 2, 4, 8, 16, 32};
        for (int i = 0; i < n; i++) {
            t = t.plusSeconds(r.nextInt(3000)); // about 80 % of the 64 GPUs busy on average: queues form and drain
            double duration = Math.round(60 * Math.exp(r.nextDouble() * Math.log(24 * 60)));
            int gpus = sizes[r.nextInt(sizes.length)];
            csv.append(ts.format(t)).append(',').append(duration).append(',').append(gpus).append(',')
                    .append(duration * gpus).append(",vc").append(r.nextInt(5)).append('\n');
        }
        return Files.writeString(file, csv);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory; the system cleans it up eventually
        }
    }
}
