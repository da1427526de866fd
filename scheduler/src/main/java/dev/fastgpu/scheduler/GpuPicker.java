package dev.fastgpu.scheduler;

import dev.fastgpu.model.Gpu;
import dev.fastgpu.model.ResourceRequest;

import java.util.List;

/**
 * Chooses concrete GPU indices for a request on one node, or says it cannot. A job's GPUs are
 * always of one model. Whole-GPU jobs take fully free GPUs, preferring one topology group
 * (the smallest group that holds them all, so larger groups stay whole for larger jobs);
 * a fractional job takes one GPU with enough free share.
 */
public final class GpuPicker {
    /** Which GPU (and which model, when several fit) a job gets. */
    public enum Preference {
        /** The tightest fit: least free share, model with fewest free GPUs (packing). */
        BEST_FIT,
        /** The loosest fit: most free share, model with most free GPUs (spreading). */
        WORST_FIT
    }

    private static final int[] NONE = new int[0];

    private GpuPicker() {}

    /** True when GPU {@code gpu} may serve {@code request} at all (model and memory), whatever its usage. */
    public static boolean eligible(Gpu gpu, ResourceRequest request) {
        return gpu.memoryMib() >= request.minGpuMemoryMib() && request.allowsModel(gpu.model());
    }

    /** The chosen GPU indices (empty for a CPU-only job), or null when the GPUs do not fit. */
    public static int[] pick(NodeSnapshot node, NodeUsage usage, ResourceRequest request, Preference preference) {
        if (request.gpus() == 0) return NONE;
        if (request.isFractional()) return pickShare(node.gpus(), usage, request, preference);
        return pickWhole(node.gpus(), usage, request, preference);
    }

    /**
     * As {@link #pick}, on a node whose GPUs are all of one model with equal memory and no topology
     * group, for a request that passes the static filters there (so every GPU suits it): a
     * whole-GPU job gets the lowest-numbered entirely free GPUs, which is what {@link #pick} chooses
     * on such a node, found without looking at every GPU.
     */
    public static int[] pickOnPlainNode(NodeSnapshot node, NodeUsage usage, ResourceRequest request, Preference preference) {
        if (request.gpus() == 0) return NONE;
        if (request.isFractional()) return pickShare(node.gpus(), usage, request, preference);
        int need = request.gpus();
        if (usage.wholeFreeCount() < need) return null;
        int[] out = new int[need];
        for (int taken = 0, i = usage.nextWholeFree(0); taken < need; i = usage.nextWholeFree(i + 1)) out[taken++] = i;
        return out;
    }

    /** True when every GPU suits the request (no model list, no memory minimum): the per-GPU check can be skipped. */
    private static boolean anyGpu(ResourceRequest request) {
        return request.minGpuMemoryMib() == 0 && request.gpuModels().isEmpty();
    }

    private static int[] pickShare(List<Gpu> gpus, NodeUsage usage, ResourceRequest request, Preference preference) {
        boolean any = anyGpu(request);
        int best = -1;
        int bestFree = 0;
        for (int i = 0; i < gpus.size(); i++) {
            int free = usage.freeMilli(i);
            if (free < request.milliPerGpu() || !any && !eligible(gpus.get(i), request)) continue;
            boolean better = best < 0
                    || (preference == Preference.BEST_FIT ? free < bestFree : free > bestFree);
            if (better) {
                best = i;
                bestFree = free;
            }
        }
        return best < 0 ? null : new int[] {best};
    }

    private static int[] pickWhole(List<Gpu> gpus, NodeUsage usage, ResourceRequest request, Preference preference) {
        int need = request.gpus();
        int n = gpus.size();
        // only entirely free GPUs are usable, so fewer of them than needed settles it without a look at each GPU
        if (need > n || usage.wholeFreeCount() < need) return null;
        boolean any = anyGpu(request);
        boolean[] usable = new boolean[n];
        int[] lowest = new int[need]; // the first usable GPUs in index order
        String first = null;
        boolean single = true;
        boolean grouped = false;
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (usage.freeMilli(i) != 1000) continue;
            Gpu g = gpus.get(i);
            if (!any && !eligible(g, request)) continue;
            usable[i] = true;
            if (count < need) lowest[count] = i;
            count++;
            String m = g.model();
            if (first == null) first = m;
            else if (single && m != first && !first.equals(m)) single = false;
            grouped |= g.topologyGroup() >= 0;
        }
        if (count < need) return null;
        // one model and no topology: pickInGroups would take the lowest usable indices, which these are
        if (single && !grouped) return lowest;
        String model = single ? first : chooseModel(gpus, usable, need, preference);
        if (model == null) return null;
        if (!single) {
            for (int i = 0; i < n; i++) usable[i] &= gpus.get(i).model().equals(model);
        }
        return pickInGroups(gpus, usable, need);
    }

    /** On a node with several models: the one with enough usable GPUs, fewest (best fit) or most (worst fit). */
    private static String chooseModel(List<Gpu> gpus, boolean[] usable, int need, Preference preference) {
        String chosen = null;
        int chosenFree = 0;
        for (int i = 0; i < gpus.size(); i++) {
            if (!usable[i]) continue;
            String m = gpus.get(i).model();
            int free = 0;
            for (int j = 0; j < gpus.size(); j++) if (usable[j] && gpus.get(j).model().equals(m)) free++;
            if (free < need) continue;
            boolean better = chosen == null
                    || (preference == Preference.BEST_FIT ? free < chosenFree : free > chosenFree)
                    || (free == chosenFree && m.compareTo(chosen) < 0);
            if (better) {
                chosen = m;
                chosenFree = free;
            }
        }
        return chosen;
    }

    /**
     * Takes {@code need} free GPUs of {@code model}: from the smallest topology group that holds all
     * of them, else from the largest groups first (fewest groups spanned). Lowest indices first.
     */
    private static int[] pickInGroups(List<Gpu> gpus, boolean[] usable, int need) {
        int n = gpus.size();
        // free count per topology group; groups are small non-negative ints or -1 (unknown)
        int maxGroup = -1;
        for (Gpu g : gpus) maxGroup = Math.max(maxGroup, g.topologyGroup());
        int[] freeInGroup = new int[maxGroup + 2]; // slot 0 for -1
        for (int i = 0; i < n; i++) {
            if (usable[i]) freeInGroup[gpus.get(i).topologyGroup() + 1]++;
        }
        int[] out = new int[need];
        int taken = 0;
        int fitting = -1;
        for (int slot = 0; slot < freeInGroup.length; slot++) {
            if (freeInGroup[slot] >= need && (fitting < 0 || freeInGroup[slot] < freeInGroup[fitting])) fitting = slot;
        }
        if (fitting >= 0) {
            for (int i = 0; i < n && taken < need; i++) {
                if (usable[i] && gpus.get(i).topologyGroup() + 1 == fitting) out[taken++] = i;
            }
            return out;
        }
        while (taken < need) {
            int largest = -1;
            for (int slot = 0; slot < freeInGroup.length; slot++) {
                if (freeInGroup[slot] > 0 && (largest < 0 || freeInGroup[slot] > freeInGroup[largest])) largest = slot;
            }
            if (largest < 0) return null;
            for (int i = 0; i < n && taken < need; i++) {
                if (usable[i] && gpus.get(i).topologyGroup() + 1 == largest) {
                    out[taken++] = i;
                    usable[i] = false;
                }
            }
            freeInGroup[largest] = 0;
        }
        java.util.Arrays.sort(out);
        return out;
    }
}
