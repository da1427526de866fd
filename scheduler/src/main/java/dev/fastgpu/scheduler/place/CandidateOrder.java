package dev.fastgpu.scheduler.place;

import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.pass.ClusterState;

import java.util.BitSet;
import java.util.function.IntPredicate;

/**
 * Visits the ready nodes that may hold a request, in the order the strategy wants to see them,
 * using the free-GPU index instead of scanning every node: fullest fitting bucket first (pack) or
 * emptiest first (spread). Each node is visited at most once; the visitor returns false to stop.
 */
final class CandidateOrder {
    private final boolean fullestFirst;
    private int[] seen = new int[0];
    private int stamp;

    CandidateOrder(boolean fullestFirst) {
        this.fullestFirst = fullestFirst;
    }

    void forEach(ClusterState state, ResourceRequest request, int[] models, IntPredicate visit) {
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
            if (!visitLevels(state, models, 1, top, visit)) return;
            if (!fullestFirst) visitPartial(state, models, visit);
            return;
        }
        visitLevels(state, models, request.gpus(), top, visit);
    }

    private boolean visitLevels(ClusterState state, int[] models, int low, int high, IntPredicate visit) {
        for (int step = 0; step <= high - low; step++) {
            int k = fullestFirst ? low + step : high - step;
            for (int m : models) {
                if (k > state.maxLevel(m)) continue;
                if (!visitSet(state.bucket(m, k), visit)) return false;
            }
        }
        return true;
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
