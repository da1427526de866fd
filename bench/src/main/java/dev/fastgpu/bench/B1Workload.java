package dev.fastgpu.bench;

import dev.fastgpu.model.Gpu;
import dev.fastgpu.model.NodeState;
import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.Allocation;
import dev.fastgpu.scheduler.ClusterSnapshot;
import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.scheduler.PendingJob;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The B1 workload (BENCHMARKS.md): 5,000 nodes x 8 GPUs of mixed models, 50,000 pending jobs
 * (mostly 1 GPU, some 2/4/8 and multi-node), and a cluster 80 % full with 10,000 pending. Seeded,
 * so every run schedules the same input.
 */
public final class B1Workload {
    public static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final String[] MODELS = {"H100", "A100", "L40S", "V100"};
    private static final long[] MEMORY = {81920, 81920, 46080, 32768};

    private B1Workload() {}

    public static List<NodeSnapshot> nodes(int count) {
        List<NodeSnapshot> nodes = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            int m = n % 10 < 4 ? 0 : n % 10 < 7 ? 1 : n % 10 < 9 ? 2 : 3; // 40 % H100, 30 % A100, 20 % L40S, 10 % V100
            List<Gpu> gpus = new ArrayList<>(8);
            for (int i = 0; i < 8; i++) gpus.add(new Gpu(i, "n" + n + "-" + i, MODELS[m], MEMORY[m], i / 4));
            nodes.add(new NodeSnapshot(String.format("node-%05d", n), NodeState.READY, gpus, 128_000, 1_024_000, Map.of()));
        }
        return nodes;
    }

    /** Mostly 1 GPU (75 %), then 2 (10 %), 4 (6 %), 8 (4 %), fractional (3 %), 16-32 GPU gangs (2 %). */
    public static List<PendingJob> jobs(int count, long seed) {
        Random random = new Random(seed);
        List<PendingJob> jobs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int roll = random.nextInt(100);
            ResourceRequest r;
            if (roll < 75) r = ResourceRequest.gpus(1);
            else if (roll < 85) r = ResourceRequest.gpus(2);
            else if (roll < 91) r = ResourceRequest.gpus(4);
            else if (roll < 95) r = ResourceRequest.gpus(8);
            else if (roll < 98) r = ResourceRequest.fraction(250 * (1 + random.nextInt(3)));
            else r = ResourceRequest.gpus(16 * (1 + random.nextInt(2)));
            if (random.nextInt(3) == 0) r = r.withModels(MODELS[random.nextInt(MODELS.length)]);
            r = r.withCpuMilli(4000L * Math.max(1, r.gpus())).withMemoryMib(32_000L * Math.max(1, r.gpus()));
            Duration estimate = random.nextInt(4) == 0 ? null : Duration.ofMinutes(1 + random.nextInt(600));
            jobs.add(new PendingJob(String.format("job-%06d", i), r, random.nextInt(3), random.nextBoolean(),
                    NOW.minusSeconds(count - i), estimate, "user" + random.nextInt(50)));
        }
        return jobs;
    }

    public static ClusterSnapshot empty(int nodes) {
        return new ClusterSnapshot(nodes(nodes), List.of());
    }

    /** Every node with a random 80 % of its GPUs busy (1-GPU allocations with estimates). */
    public static ClusterSnapshot eightyPercentFull(int nodeCount, long seed) {
        Random random = new Random(seed);
        List<NodeSnapshot> nodes = nodes(nodeCount);
        List<Allocation> allocations = new ArrayList<>();
        int busyTotal = (int) Math.round(nodeCount * 8 * 0.8);
        int[] busy = new int[nodeCount];
        for (int k = 0; k < busyTotal; k++) {
            int n;
            do n = random.nextInt(nodeCount); while (busy[n] == 8);
            allocations.add(new Allocation("running-" + k, nodes.get(n).id(), List.of(busy[n]), 1000, 4000, 32_000,
                    random.nextInt(3), random.nextBoolean(), NOW.minusSeconds(random.nextInt(36_000)),
                    random.nextBoolean() ? Duration.ofHours(1 + random.nextInt(20)) : null, false));
            busy[n]++;
        }
        return new ClusterSnapshot(nodes, allocations);
    }

}
