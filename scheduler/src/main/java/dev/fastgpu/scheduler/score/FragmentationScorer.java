package dev.fastgpu.scheduler.score;

import dev.fastgpu.scheduler.NodeUsage;
import dev.fastgpu.scheduler.TaskShape;

import java.util.List;

/**
 * Fragmentation-aware placement in the spirit of FGD (Weng et al., USENIX ATC'23): a node's
 * fragmentation for a task shape is the free GPU share that task could not use there (all of it
 * when the task does not fit on the node at all, for want of GPUs, CPU or memory; otherwise the free
 * share of GPUs too small for it or of a model it may not use). The expected fragmentation weighs shapes by their frequency
 * in the workload. The option that increases it least scores best:
 * {@code score = 50 * (1 - delta / largestNodeCapacity)}, clamped to 0..100, so no change scores
 * 50 and an option that removes fragments scores above 50.
 */
public final class FragmentationScorer implements NodeScorer {
    private final int[] shapeGpus;
    private final int[] shapeMilli;
    private final double[] shapeWeight;
    private final long[] shapeCpu;
    private final long[] shapeMemory;
    private final boolean[][] allowed; // [shape][model id]
    private final double normaliser;

    /**
     * @param shapes       the expected workload (gang shapes are ignored: they need whole nodes)
     * @param modelNames   the pass's model table, by model id
     * @param maxNodeMilli the largest node's GPU capacity in thousandths
     */
    public FragmentationScorer(List<TaskShape> shapes, List<String> modelNames, long maxNodeMilli) {
        int n = shapes.size();
        shapeGpus = new int[n];
        shapeMilli = new int[n];
        shapeWeight = new double[n];
        shapeCpu = new long[n];
        shapeMemory = new long[n];
        allowed = new boolean[n][modelNames.size()];
        double total = 0;
        for (TaskShape s : shapes) total += s.weight();
        for (int i = 0; i < n; i++) {
            TaskShape s = shapes.get(i);
            shapeGpus[i] = s.gpus();
            shapeMilli[i] = s.milliPerGpu();
            shapeWeight[i] = s.weight() / total;
            shapeCpu[i] = s.cpuMilli();
            shapeMemory[i] = s.memoryMib();
            for (int m = 0; m < modelNames.size(); m++) allowed[i][m] = s.allowsModel(modelNames.get(m));
        }
        normaliser = maxNodeMilli;
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

    /** Expected free share (thousandths) that a task drawn from the workload could not use on a node with these free shares. */
    public double expectedFragmentation(int[] free, int[] gpuModels) {
        return expectedFragmentation(free, gpuModels, null, 0, 0);
    }

    /**
     * As {@link #expectedFragmentation(int[], int[])}, also judging host resources: {@code host} is
     * the node's usage before the job (null: ignore CPU and memory), minus {@code cpuTaken} and
     * {@code memoryTaken}.
     */
    public double expectedFragmentation(int[] free, int[] gpuModels, NodeUsage host, long cpuTaken, long memoryTaken) {
        double sum = 0;
        for (int s = 0; s < shapeGpus.length; s++) {
            boolean hostFits = host == null
                    || (host.cpuFits(shapeCpu[s] + cpuTaken) && host.memoryFits(shapeMemory[s] + memoryTaken));
            sum += shapeWeight[s] * fragmentation(s, free, gpuModels, hostFits);
        }
        return sum;
    }

    private long fragmentation(int s, int[] free, int[] gpuModels, boolean hostFits) {
        int need = shapeMilli[s];
        long total = 0;
        long unusable = 0;
        int usableGpus = 0;
        for (int i = 0; i < free.length; i++) {
            total += free[i];
            boolean usable = allowed[s][gpuModels[i]] && free[i] >= need;
            if (usable) usableGpus++;
            else unusable += free[i];
        }
        return hostFits && usableGpus >= shapeGpus[s] ? unusable : total;
    }
}
