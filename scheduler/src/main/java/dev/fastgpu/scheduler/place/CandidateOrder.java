package dev.fastgpu.scheduler.place;

import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.pass.ClusterState;

import java.util.BitSet;
import java.util.function.IntPredicate;

/**
 * Visits the ready nodes that may hold a request, in the order the strategy wants to see them,
 * using the free-GPU index instead of scanning every node: fullest fitting bucket first (pack) or
 * emptiest first (spread). Each node is visited at most once; the visitor returns false to stop.
 * A level (nodes with that many entirely free GPUs) the caller calls beaten is passed over whole.
 */
final class CandidateOrder {
    private final boolean fullestFirst;
    private int[] seen = new int[0];
    private int stamp;

    CandidateOrder(boolean fullestFirst) {
        this.fullestFirst = fullestFirst;
    }

    void forEach(ClusterState state, ResourceRequest request, int[] models, IntPredicate visit, IntPredicate beaten) {
        if (seen.length != state.nodeCount()) seen = new int[state.nodeCount()];
        if (++stamp == Integer.MAX_VALUE) {
            java.util.Arrays.fill(seen, 0);
            stamp = 1;
        }
        if (request.gpus() == 0) {
            visitAll(state.readyNodes(), visit);
            return;
        }
        int top = 0;
        for (int m : models) top = Math.max(top, state.maxLevel(m));
        if (request.isFractional()) {
            if (fullestFirst && !visitPartial(state, models, visit)) return;
            if (!visitLevels(state, models, 1, top, visit, beaten)) return;
            if (!fullestFirst) visitPartial(state, models, visit);
            return;
        }
        visitLevels(state, models, request.gpus(), top, visit, beaten);
    }

    /** Levels low..high in the strategy's order, each level over all models; only non-empty buckets are visited. */
    private boolean visitLevels(ClusterState state, int[] models, int low, int high, IntPredicate visit, IntPredicate beaten) {
        int k = nextLevel(state, models, fullestFirst ? low : high, low, high);
        while (k >= 0) {
            for (int m : models) {
                if (beaten.test(k)) break; // asked per model: a node visited in this level may have raised the bar
                if (k > state.maxLevel(m)) continue;
                if (!visitSet(state.bucket(m, k), visit)) return false;
            }
            k = fullestFirst ? nextLevel(state, models, k + 1, low, high) : nextLevel(state, models, k - 1, low, high);
        }
        return true;
    }

    /** The nearest level from {@code from} (upwards when fullest first, else downwards) within low..high with a node, or -1. */
    private int nextLevel(ClusterState state, int[] models, int from, int low, int high) {
        if (from < low || from > high) return -1;
        int best = -1;
        for (int m : models) {
            BitSet levels = state.levels(m);
            int k = fullestFirst ? levels.nextSetBit(from) : levels.previousSetBit(from);
            if (k < 0 || k < low || k > high) continue;
            if (best < 0 || (fullestFirst ? k < best : k > best)) best = k;
        }
        return best;
    }

    private boolean visitPartial(ClusterState state, int[] models, IntPredicate visit) {
        for (int m : models) {
            if (!visitSet(state.partial(m), visit)) return false;
        }
        return true;
    }

    private void visitAll(BitSet nodes, IntPredicate visit) {
        visitSet(nodes, visit);
    }

    private boolean visitSet(BitSet nodes, IntPredicate visit) {
        for (int n = nodes.nextSetBit(0); n >= 0; n = nodes.nextSetBit(n + 1)) {
            if (seen[n] == stamp) continue;
            seen[n] = stamp;
            if (!visit.test(n)) return false;
        }
        return true;
    }
}
