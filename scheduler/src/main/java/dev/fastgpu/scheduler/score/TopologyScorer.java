package dev.fastgpu.scheduler.score;

/**
 * GPUs of a multi-GPU job should be close (one NVLink island or PCIe switch): 100 when they sit in
 * one topology group (or the node reports no topology, or the job has one GPU), falling linearly to
 * 0 when every GPU is in a different group.
 */
public final class TopologyScorer implements NodeScorer {
    @Override
    public double score(Candidate c) {
        int k = c.gpus().length;
        if (k <= 1) return 100.0;
        int groups = 0;
        int[] seen = new int[k];
        for (int g : c.gpus()) {
            int group = c.node().gpus().get(g).topologyGroup();
            if (group < 0) return 100.0;
            boolean known = false;
            for (int i = 0; i < groups; i++) known |= seen[i] == group;
            if (!known) seen[groups++] = group;
        }
        return 100.0 * (k - groups) / (k - 1);
    }
}
