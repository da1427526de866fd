package dev.fastgpu.scheduler;

import dev.fastgpu.model.Gpu;
import dev.fastgpu.model.NodeState;
import dev.fastgpu.model.ResourceRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test builders that read like the cluster they describe: {@code aNode("n1").withGpus(8, "H100")}. */
public final class Builders {
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Builders() {}

    public static NodeBuilder aNode(String id) {
        return new NodeBuilder(id);
    }

    public static JobBuilder aJob(String id) {
        return new JobBuilder(id);
    }

    public static AllocationBuilder anAllocation(String jobId) {
        return new AllocationBuilder(jobId);
    }

    public static ClusterSnapshot cluster(List<NodeSnapshot> nodes, List<Allocation> allocations) {
        return new ClusterSnapshot(nodes, allocations);
    }

    public static ClusterSnapshot cluster(NodeBuilder... nodes) {
        return new ClusterSnapshot(java.util.Arrays.stream(nodes).map(NodeBuilder::build).toList(), List.of());
    }

    public static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    public static final class NodeBuilder {
        private final String id;
        private NodeState state = NodeState.READY;
        private final List<Gpu> gpus = new ArrayList<>();
        private long cpuMilli;
        private long memoryMib;
        private final Map<String, String> labels = new HashMap<>();
        private int groupSize;

        NodeBuilder(String id) {
            this.id = id;
        }

        /** Adds {@code n} GPUs of a model with 80 GiB each. */
        public NodeBuilder withGpus(int n, String model) {
            return withGpus(n, model, 81920);
        }

        public NodeBuilder withGpus(int n, String model, long memoryMib) {
            for (int i = 0; i < n; i++) {
                int index = gpus.size();
                gpus.add(new Gpu(index, id + "-gpu" + index, model, memoryMib, -1));
            }
            return this;
        }

        /** Puts GPUs in topology groups of {@code size} consecutive indices (0-3 in group 0, ...). */
        public NodeBuilder withTopologyGroupsOf(int size) {
            this.groupSize = size;
            return this;
        }

        public NodeBuilder withCpuMilli(long cpuMilli) {
            this.cpuMilli = cpuMilli;
            return this;
        }

        public NodeBuilder withMemoryMib(long memoryMib) {
            this.memoryMib = memoryMib;
            return this;
        }

        public NodeBuilder withLabel(String key, String value) {
            labels.put(key, value);
            return this;
        }

        public NodeBuilder draining() {
            state = NodeState.DRAINING;
            return this;
        }

        public NodeBuilder down() {
            state = NodeState.DOWN;
            return this;
        }

        public NodeSnapshot build() {
            List<Gpu> out = new ArrayList<>();
            for (Gpu g : gpus) {
                out.add(new Gpu(g.index(), g.uuid(), g.model(), g.memoryMib(), groupSize > 0 ? g.index() / groupSize : -1));
            }
            return new NodeSnapshot(id, state, out, cpuMilli, memoryMib, labels);
        }
    }

    public static final class JobBuilder {
        private final String id;
        private int gpus = 1;
        private int milli = 1000;
        private Set<String> models = Set.of();
        private long minGpuMemory;
        private long cpu;
        private long memory;
        private Map<String, String> labels = Map.of();
        private int priority;
        private boolean preemptible;
        private Instant submittedAt = T0;
        private Duration estimate;
        private String owner = "alice";

        JobBuilder(String id) {
            this.id = id;
        }

        public JobBuilder gpus(int n) {
            this.gpus = n;
            return this;
        }

        public JobBuilder share(int milli) {
            this.gpus = 1;
            this.milli = milli;
            return this;
        }

        public JobBuilder cpuOnly() {
            this.gpus = 0;
            return this;
        }

        public JobBuilder models(String... models) {
            this.models = Set.of(models);
            return this;
        }

        public JobBuilder minGpuMemoryMib(long mib) {
            this.minGpuMemory = mib;
            return this;
        }

        public JobBuilder cpuMilli(long cpu) {
            this.cpu = cpu;
            return this;
        }

        public JobBuilder memoryMib(long memory) {
            this.memory = memory;
            return this;
        }

        public JobBuilder labels(Map<String, String> labels) {
            this.labels = labels;
            return this;
        }

        public JobBuilder priority(int priority) {
            this.priority = priority;
            return this;
        }

        public JobBuilder preemptible() {
            this.preemptible = true;
            return this;
        }

        public JobBuilder submittedAt(long seconds) {
            this.submittedAt = at(seconds);
            return this;
        }

        public JobBuilder estimate(Duration estimate) {
            this.estimate = estimate;
            return this;
        }

        public ResourceRequest request() {
            return new ResourceRequest(gpus, milli, models, minGpuMemory, cpu, memory, labels);
        }

        public PendingJob build() {
            return new PendingJob(id, request(), priority, preemptible, submittedAt, estimate, owner);
        }
    }

    public static final class AllocationBuilder {
        private final String jobId;
        private String nodeId = "n1";
        private List<Integer> gpus = List.of(0);
        private int milli = 1000;
        private long cpu;
        private long memory;
        private int priority;
        private boolean preemptible;
        private Instant startedAt = T0;
        private Duration estimate;
        private boolean releasing;

        AllocationBuilder(String jobId) {
            this.jobId = jobId;
        }

        public AllocationBuilder on(String nodeId, Integer... gpus) {
            this.nodeId = nodeId;
            this.gpus = List.of(gpus);
            return this;
        }

        public AllocationBuilder share(int milli) {
            this.milli = milli;
            return this;
        }

        public AllocationBuilder cpuMilli(long cpu) {
            this.cpu = cpu;
            return this;
        }

        public AllocationBuilder memoryMib(long memory) {
            this.memory = memory;
            return this;
        }

        public AllocationBuilder priority(int priority) {
            this.priority = priority;
            return this;
        }

        public AllocationBuilder preemptible() {
            this.preemptible = true;
            return this;
        }

        public AllocationBuilder startedAt(long seconds) {
            this.startedAt = at(seconds);
            return this;
        }

        public AllocationBuilder estimate(Duration estimate) {
            this.estimate = estimate;
            return this;
        }

        public AllocationBuilder releasing() {
            this.releasing = true;
            return this;
        }

        public Allocation build() {
            return new Allocation(jobId, nodeId, gpus, milli, cpu, memory, priority, preemptible, startedAt, estimate, releasing);
        }
    }
}
