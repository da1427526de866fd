package dev.fastgpu.bench.b2;

import dev.fastgpu.api.JobPage;
import dev.fastgpu.api.JobQuery;
import dev.fastgpu.api.JobSpec;
import dev.fastgpu.api.JobView;
import dev.fastgpu.api.client.FastGpuClient;
import dev.fastgpu.model.JobState;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * B2 (b): N trivial 1-GPU jobs ({@code true}) submitted as fast as one client can (a few
 * connections in parallel), then the time until every one of them is finished and recorded: in a
 * terminal state in the server. Checks that all of them succeeded.
 */
final class Drain {
    private static final Set<JobState> UNFINISHED = java.util.Arrays.stream(JobState.values())
            .filter(s -> !s.isTerminal()).collect(java.util.stream.Collectors.toUnmodifiableSet());
    /** How often the client asks whether jobs are left: often enough for 1 % resolution, rarely enough not to load the server. */
    private static final int POLL_MS = 20;
    private final FastGpuClient client;

    Drain(FastGpuClient client) {
        this.client = client;
    }

    /** Seconds from the first submission: all submitted, all finished. */
    record Result(double submittedS, double drainedS, int jobs) {
    }

    Result run(int n, int connections) throws Exception {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(connections)) {
            List<Future<?>> workers = new java.util.ArrayList<>();
            for (int w = 0; w < connections; w++) {
                workers.add(pool.submit(() -> {
                    while (next.getAndIncrement() < n) ids.add(client.submit(JobSpec.of(1, "true")).id());
                    return null;
                }));
            }
            for (Future<?> f : workers) f.get();
        }
        long submitted = System.nanoTime();
        long deadline = submitted + Duration.ofMinutes(10).toNanos();
        while (!client.jobs(new JobQuery(UNFINISHED, null, null, null, 1, null)).items().isEmpty()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("jobs still unfinished after 10 minutes");
            Thread.sleep(POLL_MS);
        }
        long drained = System.nanoTime();
        requireAllSucceeded(ids);
        return new Result((submitted - t0) / 1e9, (drained - t0) / 1e9, ids.size());
    }

    private void requireAllSucceeded(Set<String> ids) {
        Set<String> ok = new HashSet<>();
        String cursor = null;
        do {
            JobPage page = client.jobs(new JobQuery(Set.of(JobState.SUCCEEDED), null, null, null, 500, cursor));
            page.items().stream().map(JobView::id).filter(ids::contains).forEach(ok::add);
            cursor = page.nextCursor();
        } while (cursor != null && ok.size() < ids.size());
        if (ok.size() != ids.size()) {
            throw new IllegalStateException((ids.size() - ok.size()) + " of " + ids.size() + " drain jobs did not succeed");
        }
    }
}
