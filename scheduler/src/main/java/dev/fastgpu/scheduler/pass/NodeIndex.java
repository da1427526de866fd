package dev.fastgpu.scheduler.pass;

import java.util.BitSet;

/**
 * Ready nodes bucketed per GPU model by how many fully free GPUs of that model they have, plus,
 * per model, the nodes with a partly used GPU of it. Lets a job look only at nodes that can hold
 * it: a 4-GPU H100 job visits buckets 4..8 of H100 and nothing else. Bit sets iterate in node
 * order, which keeps the pass deterministic.
 */
final class NodeIndex {
    private final BitSet[][] whole; // [model][free whole GPUs] -> nodes
    private final BitSet[] partial; // [model] -> nodes with a GPU of that model 0 < free < 1000
    private final int[][] level;    // [node][model] current bucket, -1 when not indexed
    private final boolean[][] inPartial;
    private final long[] freeWholeTotal; // [model] fully free GPUs over all ready nodes
    private final int[][] bucketSize;    // [model][free whole GPUs] nodes in that bucket
    private final BitSet[] levels;       // [model] free-whole counts whose bucket is not empty

    NodeIndex(int nodes, int[] maxPerModel) {
        int models = maxPerModel.length;
        whole = new BitSet[models][];
        partial = new BitSet[models];
        freeWholeTotal = new long[models];
        bucketSize = new int[models][];
        levels = new BitSet[models];
        for (int m = 0; m < models; m++) {
            bucketSize[m] = new int[maxPerModel[m] + 1];
            levels[m] = new BitSet(maxPerModel[m] + 1);
            whole[m] = new BitSet[maxPerModel[m] + 1];
            // buckets are made when a node first lands in them: a pooled node of hundreds of GPUs has as many levels
            partial[m] = new BitSet(nodes);
        }
        level = new int[nodes][models];
        inPartial = new boolean[nodes][models];
        for (int[] row : level) java.util.Arrays.fill(row, -1);
    }

    /** Puts node {@code n} in the buckets its current free counts say. */
    void update(int n, int[] freeWholePerModel, boolean[] partialPerModel) {
        for (int m = 0; m < freeWholePerModel.length; m++) {
            int k = freeWholePerModel[m];
            int old = level[n][m];
            if (old != k) {
                if (old >= 0) {
                    whole[m][old].clear(n);
                    freeWholeTotal[m] -= old;
                    if (--bucketSize[m][old] == 0) levels[m].clear(old);
                }
                if (k >= 0) {
                    if (whole[m][k] == null) whole[m][k] = new BitSet(level.length);
                    whole[m][k].set(n);
                    freeWholeTotal[m] += k;
                    if (bucketSize[m][k]++ == 0) levels[m].set(k);
                }
                level[n][m] = k;
            }
            if (inPartial[n][m] != partialPerModel[m]) {
                if (partialPerModel[m]) partial[m].set(n);
                else partial[m].clear(n);
                inPartial[n][m] = partialPerModel[m];
            }
        }
    }

    /** Nodes with exactly {@code k} fully free GPUs of model {@code m}; do not modify. */
    BitSet bucket(int m, int k) {
        BitSet b = whole[m][k];
        return b == null ? EMPTY : b;
    }

    /** What {@link #bucket} answers for a level no node has had yet; never modified. */
    private static final BitSet EMPTY = new BitSet(0);

    /** Free-whole counts of model {@code m} whose bucket holds a node; do not modify. */
    BitSet levels(int m) {
        return levels[m];
    }

    int maxLevel(int m) {
        return whole[m].length - 1;
    }

    BitSet partial(int m) {
        return partial[m];
    }

    long freeWholeTotal(int m) {
        return freeWholeTotal[m];
    }
}
