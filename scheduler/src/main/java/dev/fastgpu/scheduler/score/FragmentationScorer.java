package dev.fastgpu.scheduler.score;

import dev.fastgpu.scheduler.NodeUsage;
import dev.fastgpu.scheduler.TaskShape;

import java.util.List;

/**
 * Fragmentation-aware placement in the spirit of FGD (Weng et al., USENIX ATC'23): the option that
 * increases the node's expected fragmentation least scores best:
 * {@code score = 50 * (1 - delta / largestNodeCapacity)}, clamped to 0..100, so no change scores
 * 50 and an option that removes fragments scores above 50.
 *
 * <p>A node's fragmentation (thousandths of a GPU) is the sum of two parts, both weighted by the
 * workload's shapes: by frequency times {@link ShapeScarcity} (how few of the cluster's GPUs the
 * shape could ever use), so that capacity lost to a shape few nodes can host counts for more:
 * <ol>
 *   <li><b>Per shape, what a stream of that shape could never use</b>: the node's free GPU share
 *   minus what the shape's tasks could take if they kept arriving. The number of tasks that fit is
 *   bounded by the GPUs (for a share: {@code floor(free / share)} summed over suitable GPUs; for
 *   whole GPUs: {@code floor(fully free / gpus)} per model) and by the free CPU and memory
 *   ({@code floor(free / needed)}). FGD counts a GPU as a fragment only when not even one task fits;
 *   this also counts the remainders (0.06 of a GPU after two 0.47 tasks) and GPUs that the node's
 *   CPU or memory can serve only partly.</li>
 *   <li><b>Per GPU, the share expected to stay unused</b> when the GPU is filled by tasks drawn from
 *   the workload until none fits ({@link #leftover}), which prefers free shares that the workload's
 *   mix of sizes can fill exactly (0.19 after a 0.81 task stays a hole unless 0.16 tasks come).</li>
 * </ol>
 */
public final class FragmentationScorer implements NodeScorer {
    private final int[] shapeGpus;
    private final int[] shapeMilli;
    private final double[] shapeWeight;
    private final long[] shapeCpu;
    private final long[] shapeMemory;
    private final boolean[][] allowed; // [shape][model id]
    private final int models;
    private final double normaliser;
    /** [free share in thousandths] expected share left unused when random fitting tasks fill a GPU. */
    private final double[] leftover;

    /**
     * @param shapes       the expected workload (gang shapes are ignored: they need whole nodes)
     * @param modelNames   the pass's model table, by model id
     * @param maxNodeMilli the largest node's GPU capacity in thousandths
     */
    public FragmentationScorer(List<TaskShape> shapes, List<String> modelNames, long maxNodeMilli) {
        this(shapes, modelNames, maxNodeMilli, null);
    }

    /**
     * As {@link #FragmentationScorer(List, List, long)}, each shape's frequency multiplied by its
     * {@code scarcity} ({@link ShapeScarcity#of}, one factor per shape, not renormalised; null: all 1).
     */
    public FragmentationScorer(List<TaskShape> shapes, List<String> modelNames, long maxNodeMilli, double[] scarcity) {
        int n = shapes.size();
        if (scarcity != null && scarcity.length != n) {
            throw new IllegalArgumentException("give one scarcity factor per shape: " + n + " shapes, " + scarcity.length + " factors");
        }
        shapeGpus = new int[n];
        shapeMilli = new int[n];
        shapeWeight = new double[n];
        shapeCpu = new long[n];
        shapeMemory = new long[n];
        models = modelNames.size();
        allowed = new boolean[n][models];
        double total = 0;
        for (TaskShape s : shapes) total += s.weight();
        for (int i = 0; i < n; i++) {
            TaskShape s = shapes.get(i);
            shapeGpus[i] = s.gpus();
            shapeMilli[i] = s.milliPerGpu();
            shapeWeight[i] = s.weight() / total * (scarcity == null ? 1.0 : scarcity[i]);
            shapeCpu[i] = s.cpuMilli();
            shapeMemory[i] = s.memoryMib();
            for (int m = 0; m < models; m++) allowed[i][m] = s.allowsModel(modelNames.get(m));
        }
        normaliser = maxNodeMilli;
        leftover = leftoverTable(shapeMilli, shapeWeight);
    }

    /**
     * {@code table[f]}: with {@code f} thousandths free, tasks arrive with the workload's
     * frequencies and the GPU takes each one that fits, until none does; the expected share left.
     * {@code table[f] = f} when no task fits, else the mean of {@code table[f - m]} over fitting sizes
     * {@code m}, weighted by frequency.
     */
    static double[] leftoverTable(int[] milli, double[] weight) {
        double[] bySize = new double[1001];
        for (int i = 0; i < milli.length; i++) bySize[milli[i]] += weight[i];
        double[] table = new double[1001];
        for (int f = 1; f <= 1000; f++) {
            double mass = 0;
            double sum = 0;
            for (int m = 1; m <= f; m++) {
                if (bySize[m] == 0) continue;
                mass += bySize[m];
                sum += bySize[m] * table[f - m];
            }
            table[f] = mass == 0 ? f : sum / mass;
        }
        return table;
    }

    @Override
    public double score(Candidate c) {
        int n = c.usage().gpuCount();
        int[] before = new int[n];
        int[] after = new int[n];
        for (int i = 0; i < n; i++) {
            before[i] = c.usage().freeMilli(i);
            after[i] = before[i];
        }
        for (int g : c.gpus()) after[g] -= c.milliPerGpu();
        double delta = expectedFragmentation(after, c.gpuModels(), c.usage(), c.cpuMilli(), c.memoryMib())
                - expectedFragmentation(before, c.gpuModels(), c.usage(), 0, 0);
        return Math.clamp(50.0 * (1.0 - delta / normaliser), 0.0, 100.0);
    }

    /** Expected fragmentation (thousandths) of a node with these free shares, CPU and memory not judged. */
    public double expectedFragmentation(int[] free, int[] gpuModels) {
        return expectedFragmentation(free, gpuModels, null, 0, 0);
    }

    /**
     * As {@link #expectedFragmentation(int[], int[])}, also judging host resources: {@code host} is
     * the node's usage before the job (null: ignore CPU and memory), minus {@code cpuTaken} and
     * {@code memoryTaken}.
     */
    public double expectedFragmentation(int[] free, int[] gpuModels, NodeUsage host, long cpuTaken, long memoryTaken) {
        long cpu = host == null || !host.tracksCpu() ? Long.MAX_VALUE : Math.max(0, host.freeCpuMilli() - cpuTaken);
        long memory = host == null || !host.tracksMemory() ? Long.MAX_VALUE : Math.max(0, host.freeMemoryMib() - memoryTaken);
        double sum = 0;
        int[] wholePerModel = new int[models];
        for (int s = 0; s < shapeGpus.length; s++) sum += shapeWeight[s] * unusable(s, free, gpuModels, cpu, memory, wholePerModel);
        for (int f : free) sum += leftover[f];
        return sum;
    }

    /** Free share that a stream of shape {@code s} could not use: all of it minus what its tasks could take. */
    private long unusable(int s, int[] free, int[] gpuModels, long cpu, long memory, int[] wholePerModel) {
        int need = shapeMilli[s];
        boolean whole = need == 1000;
        long total = 0;
        long tasks = 0;
        if (whole) java.util.Arrays.fill(wholePerModel, 0);
        for (int i = 0; i < free.length; i++) {
            total += free[i];
            if (!allowed[s][gpuModels[i]]) continue;
            if (!whole) tasks += free[i] / need;
            else if (free[i] == 1000) wholePerModel[gpuModels[i]]++;
        }
        if (whole) {
            for (int w : wholePerModel) tasks += w / shapeGpus[s]; // a task's GPUs are of one model
        }
        if (shapeCpu[s] > 0) tasks = Math.min(tasks, cpu / shapeCpu[s]);
        if (shapeMemory[s] > 0) tasks = Math.min(tasks, memory / shapeMemory[s]);
        return total - tasks * shapeGpus[s] * (long) need;
    }
}
