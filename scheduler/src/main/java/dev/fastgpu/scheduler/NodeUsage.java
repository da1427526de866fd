package dev.fastgpu.scheduler;

import java.util.Arrays;
import java.util.Collection;

/**
 * What is still free on one node: the free share of each GPU (thousandths), free CPU and memory.
 * Mutable on purpose: a scheduling pass keeps one per node and takes from it as it places jobs,
 * and the server builds one from the allocations in force before re-checking a placement with
 * {@link Fit}.
 */
public final class NodeUsage {
    private final int[] freeMilli;
    private final long cpuCapacity;
    private final long memoryCapacity;
    private long freeCpuMilli;
    private long freeMemoryMib;
    // running totals over freeMilli, kept by set(): the hot paths read them instead of scanning every GPU
    private long totalFree;
    private int wholeFree;   // GPUs with 1000 free
    private int partlyFree;  // GPUs with 0 < free < 1000
    private final long[] wholeBits; // bit g set: GPU g has 1000 free

    private NodeUsage(int[] freeMilli, long cpuCapacity, long memoryCapacity, long freeCpuMilli, long freeMemoryMib) {
        this.freeMilli = freeMilli;
        this.cpuCapacity = cpuCapacity;
        this.memoryCapacity = memoryCapacity;
        this.freeCpuMilli = freeCpuMilli;
        this.freeMemoryMib = freeMemoryMib;
        this.wholeBits = new long[(freeMilli.length + 63) >>> 6];
        for (int g = 0; g < freeMilli.length; g++) {
            count(freeMilli[g], 1);
            if (freeMilli[g] == 1000) wholeBits[g >>> 6] |= 1L << g;
        }
    }

    private void count(int free, int sign) {
        totalFree += sign * (long) free;
        if (free == 1000) wholeFree += sign;
        else if (free > 0) partlyFree += sign;
    }

    private void set(int g, int free) {
        count(freeMilli[g], -1);
        freeMilli[g] = free;
        count(free, 1);
        if (free == 1000) wholeBits[g >>> 6] |= 1L << g;
        else wholeBits[g >>> 6] &= ~(1L << g);
    }

    /** Nothing in use. */
    public static NodeUsage idle(NodeSnapshot node) {
        int[] free = new int[node.gpus().size()];
        Arrays.fill(free, 1000);
        return new NodeUsage(free, node.cpuMilli(), node.memoryMib(), node.cpuMilli(), node.memoryMib());
    }

    /**
     * The node minus the given allocations (those of other nodes are ignored). An inconsistent
     * snapshot that holds more than the node has counts as full, never as negative.
     */
    public static NodeUsage of(NodeSnapshot node, Collection<Allocation> allocations) {
        NodeUsage usage = idle(node);
        for (Allocation a : allocations) {
            if (a.nodeId().equals(node.id())) usage.take(a);
        }
        return usage;
    }

    private NodeUsage(NodeUsage other) {
        this.freeMilli = other.freeMilli.clone();
        this.cpuCapacity = other.cpuCapacity;
        this.memoryCapacity = other.memoryCapacity;
        this.freeCpuMilli = other.freeCpuMilli;
        this.freeMemoryMib = other.freeMemoryMib;
        this.totalFree = other.totalFree;
        this.wholeFree = other.wholeFree;
        this.partlyFree = other.partlyFree;
        this.wholeBits = other.wholeBits.clone();
    }

    public NodeUsage copy() {
        return new NodeUsage(this);
    }

    public int gpuCount() {
        return freeMilli.length;
    }

    /** Free share of GPU {@code index}, 0..1000. */
    public int freeMilli(int index) {
        return freeMilli[index];
    }

    /** Free CPU in thousandths of a core; meaningless when the node does not track CPU. */
    public long freeCpuMilli() {
        return freeCpuMilli;
    }

    public long freeMemoryMib() {
        return freeMemoryMib;
    }

    /** False when the node does not track CPU (any request fits). */
    public boolean tracksCpu() {
        return cpuCapacity != 0;
    }

    public boolean tracksMemory() {
        return memoryCapacity != 0;
    }

    /** True when a request for {@code cpuMilli} fits (always, when the node does not track CPU). */
    public boolean cpuFits(long cpuMilli) {
        return cpuCapacity == 0 || cpuMilli <= freeCpuMilli;
    }

    public boolean memoryFits(long memoryMib) {
        return memoryCapacity == 0 || memoryMib <= freeMemoryMib;
    }

    /** Sum of free shares over all GPUs, in thousandths. */
    public long totalFreeMilli() {
        return totalFree;
    }

    /** GPUs that are entirely free (any model). */
    public int wholeFreeCount() {
        return wholeFree;
    }

    /** The lowest GPU index at or above {@code from} that is entirely free, or -1. */
    public int nextWholeFree(int from) {
        if (from >= freeMilli.length) return -1;
        int w = from >>> 6;
        long word = wholeBits[w] & (-1L << from);
        while (true) {
            if (word != 0) return (w << 6) + Long.numberOfTrailingZeros(word);
            if (++w == wholeBits.length) return -1;
            word = wholeBits[w];
        }
    }

    /** GPUs that are partly used and partly free (any model). */
    public int partlyFreeCount() {
        return partlyFree;
    }

    public void take(Allocation a) {
        for (int g : a.gpuIndices()) {
            if (g >= 0 && g < freeMilli.length) set(g, Math.max(0, freeMilli[g] - a.milliPerGpu()));
        }
        takeHost(a.cpuMilli(), a.memoryMib());
    }

    /** Takes the given GPUs (each by {@code milliPerGpu}) and host resources. */
    public void take(int[] gpus, int milliPerGpu, long cpuMilli, long memoryMib) {
        for (int g : gpus) set(g, Math.max(0, freeMilli[g] - milliPerGpu));
        takeHost(cpuMilli, memoryMib);
    }

    /** Gives back what {@link #take(int[], int, long, long)} took (never above capacity). */
    public void give(int[] gpus, int milliPerGpu, long cpuMilli, long memoryMib) {
        for (int g : gpus) set(g, Math.min(1000, freeMilli[g] + milliPerGpu));
        freeCpuMilli = Math.min(cpuCapacity, freeCpuMilli + cpuMilli);
        freeMemoryMib = Math.min(memoryCapacity, freeMemoryMib + memoryMib);
    }

    public void give(Allocation a) {
        for (int g : a.gpuIndices()) {
            if (g >= 0 && g < freeMilli.length) set(g, Math.min(1000, freeMilli[g] + a.milliPerGpu()));
        }
        freeCpuMilli = Math.min(cpuCapacity, freeCpuMilli + a.cpuMilli());
        freeMemoryMib = Math.min(memoryCapacity, freeMemoryMib + a.memoryMib());
    }

    private void takeHost(long cpuMilli, long memoryMib) {
        freeCpuMilli = Math.max(0, freeCpuMilli - cpuMilli);
        freeMemoryMib = Math.max(0, freeMemoryMib - memoryMib);
    }

    /** True when both have the same free share on every GPU and the same free and total CPU and memory. */
    public boolean sameAs(NodeUsage other) {
        return freeCpuMilli == other.freeCpuMilli && freeMemoryMib == other.freeMemoryMib
                && cpuCapacity == other.cpuCapacity && memoryCapacity == other.memoryCapacity
                && Arrays.equals(freeMilli, other.freeMilli);
    }

    /** A hash consistent with {@link #sameAs}. */
    public int sameHash() {
        return 31 * (31 * Arrays.hashCode(freeMilli) + Long.hashCode(freeCpuMilli)) + Long.hashCode(freeMemoryMib);
    }

    @Override
    public String toString() {
        return "NodeUsage[freeMilli=" + Arrays.toString(freeMilli) + ", freeCpuMilli=" + freeCpuMilli
                + ", freeMemoryMib=" + freeMemoryMib + "]";
    }
}
