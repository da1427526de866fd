package dev.fastgpu.bench.b2;

import dev.fastgpu.api.client.FastGpuClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * B2 client: {@code LaunchBench --url U --token T --dir D [--sequential 20] [--jobs 500]
 * [--connections 4] [--warmup 10] [--warmup-drain 200] [--server-pid P]}. Prints {@code key=value} lines; bench/b2.sh starts the server
 * and agent and runs this.
 */
public final class LaunchBench {
    private LaunchBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = parse(args);
        FastGpuClient client = new FastGpuClient(require(opt, "url"), require(opt, "token"));
        Path dir = Path.of(require(opt, "dir"));
        Files.createDirectories(dir);
        int sequential = Integer.parseInt(opt.getOrDefault("sequential", "20"));
        int jobs = Integer.parseInt(opt.getOrDefault("jobs", "500"));
        int connections = Integer.parseInt(opt.getOrDefault("connections", "4"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "10"));

        int warmupDrain = Integer.parseInt(opt.getOrDefault("warmup-drain", "200"));

        // A long-running server is warm; a fresh JVM spends its first seconds compiling. Warm both paths first.
        if (warmupDrain > 0) {
            Drain.Result w = new Drain(client).run(warmupDrain, connections);
            System.out.println("# warm-up: " + w.jobs() + " trivial jobs on the fresh server drained in " + fmt(w.drainedS()) + " s");
        }
        StartLatency latency = new StartLatency(client, dir);
        if (warmup > 0) latency.run("warmup", warmup);
        StartLatency.Result a = latency.run("seq", sequential);
        a.stageMediansMs().forEach((stage, ms) -> System.out.println("# stage " + stage + " median " + fmt(ms) + " ms"));
        System.out.println("fastgpu_start_p50_ms=" + fmt(Percentiles.p50(a.latenciesMs())));
        System.out.println("fastgpu_start_max_ms=" + fmt(Percentiles.max(a.latenciesMs())));

        if (jobs <= 0) return;
        long pid = Long.parseLong(opt.getOrDefault("server-pid", "0"));
        ProcessCpu before = ProcessCpu.of(pid);
        ThreadCpu threadsBefore = ThreadCpu.of(pid);
        ProcessCpu clientBefore = ProcessCpu.of(ProcessHandle.current().pid());
        ServerMetrics metricsBefore = ServerMetrics.read(require(opt, "url"), require(opt, "token"));
        Drain.Result b = new Drain(client).run(jobs, connections);
        ProcessCpu after = ProcessCpu.of(pid);
        System.out.println("# drain server: " + ServerMetrics.read(require(opt, "url"), require(opt, "token")).since(metricsBefore, jobs));
        if (before != null && after != null) {
            System.out.println("# drain cpu: server+agent " + fmt(after.ownSeconds() - before.ownSeconds()) + " s, job processes "
                    + fmt(after.childSeconds() - before.childSeconds()) + " s");
            System.out.println("# drain cpu by thread: " + ThreadCpu.of(pid).since(threadsBefore));
            ProcessCpu clientAfter = ProcessCpu.of(ProcessHandle.current().pid());
            if (clientBefore != null && clientAfter != null) {
                System.out.println("# drain cpu: this client " + fmt(clientAfter.ownSeconds() - clientBefore.ownSeconds()) + " s");
            }
        }
        System.out.println("# drain: " + b.jobs() + " jobs submitted in " + fmt(b.submittedS()) + " s over " + connections
                + " connections, all SUCCEEDED");
        System.out.println("fastgpu_submit_rate_jobs_per_s=" + fmt(b.jobs() / b.submittedS()));
        System.out.println("fastgpu_drain" + jobs + "_s=" + fmt(b.drainedS()));
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            m.put(args[i].substring(2), args[++i]);
        }
        return m;
    }

    private static String require(Map<String, String> opt, String name) {
        String v = opt.get(name);
        if (v == null) throw new IllegalArgumentException("missing --" + name);
        return v;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
