package dev.fastgpu.bench.b2;

import dev.fastgpu.api.JobEventView;
import dev.fastgpu.api.JobSpec;
import dev.fastgpu.api.JobView;
import dev.fastgpu.api.client.FastGpuClient;
import dev.fastgpu.model.JobState;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * B2 (a): sequential 1-GPU jobs on an idle cluster, submit -> job process started. Measured like the
 * Slurm peer: the job itself writes {@code date +%s.%N} to a file, and the client compares that
 * with the wall-clock time just before it sent the submission.
 */
final class StartLatency {
    private final FastGpuClient client;
    private final Path dir;

    StartLatency(FastGpuClient client, Path dir) {
        this.client = client;
        this.dir = dir;
    }

    /** Latencies in ms, plus the median time of each server-side stage (from the jobs' events). */
    record Result(List<Double> latenciesMs, Map<String, Double> stageMediansMs) {
    }

    Result run(String label, int n) throws IOException, InterruptedException {
        List<Double> latencies = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Instant> submittedAt = new ArrayList<>();
        List<Instant> startedAt = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Path file = dir.resolve(label + ".start." + i);
            Instant t0 = Instant.now();
            JobView job = client.submit(JobSpec.of(1, "date +%s.%N > " + file));
            Instant t1 = awaitTimestamp(file, t0);
            latencies.add(Duration.between(t0, t1).toNanos() / 1e6);
            ids.add(job.id());
            submittedAt.add(t0);
            startedAt.add(t1);
            awaitEnd(job.id()); // the next job finds an idle cluster again
        }
        return new Result(latencies, stages(ids, submittedAt, startedAt));
    }

    /** Waits until the job has written its start time (a complete line) and returns it. */
    private static Instant awaitTimestamp(Path file, Instant since) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                String s = Files.readString(file);
                if (s.endsWith("\n")) {
                    BigDecimal secs = new BigDecimal(s.strip());
                    long whole = secs.longValue();
                    return Instant.ofEpochSecond(whole, secs.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue());
                }
            }
            Thread.sleep(0, 500_000);
        }
        throw new IllegalStateException("the job did not write " + file + " within 60 s of its submission at " + since);
    }

    private void awaitEnd(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JobView j = client.job(id);
            if (j.state().isTerminal()) {
                if (j.state() != JobState.SUCCEEDED) throw new IllegalStateException("job " + id + " ended " + j.state() + ": " + j.reason());
                return;
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("job " + id + " did not finish within 60 s");
    }

    /** Where the time goes, from the server's event times (same machine, same clock). */
    private Map<String, Double> stages(List<String> ids, List<Instant> sent, List<Instant> started) {
        Map<String, List<Double>> per = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            Map<JobState, Instant> at = new LinkedHashMap<>();
            for (JobEventView e : client.events(ids.get(i)).items()) at.putIfAbsent(e.to(), e.at());
            add(per, "send_to_queued_committed", sent.get(i), at.get(JobState.QUEUED));
            add(per, "queued_to_scheduled_committed", at.get(JobState.QUEUED), at.get(JobState.SCHEDULED));
            add(per, "scheduled_to_process_start", at.get(JobState.SCHEDULED), started.get(i));
            add(per, "process_start_to_running_committed", started.get(i), at.get(JobState.RUNNING));
            add(per, "process_start_to_end_committed", started.get(i), at.get(JobState.SUCCEEDED));
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        per.forEach((k, v) -> medians.put(k, Percentiles.median(v)));
        return medians;
    }

    private static void add(Map<String, List<Double>> per, String stage, Instant from, Instant to) {
        if (from == null || to == null) return;
        per.computeIfAbsent(stage, k -> new ArrayList<>()).add(Duration.between(from, to).toNanos() / 1e6);
    }
}
