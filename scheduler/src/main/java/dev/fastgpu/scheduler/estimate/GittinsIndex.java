package dev.fastgpu.scheduler.estimate;

/**
 * The Gittins index of a job from an empirical sample of run times of jobs like it (finished runs
 * only), given the service it has attained. With {@code S} drawn from the sample, conditioned on
 * {@code S > a}, the index is the best ratio, over quanta {@code D}, of the chance of finishing
 * within the quantum to the service the quantum is expected to take:
 * {@code max_D P(S <= a + D | S > a) / E[min(S - a, D) | S > a]}. For an empirical sample the
 * best {@code D} ends at one of the sample's run times, so one walk over the sorted sample finds it.
 *
 * <p>{@link Rank#seconds()} is the reciprocal of the index: the expected service per completion
 * ("effective remaining time"), so smaller goes first, and for a job whose history is one exact run
 * time it is simply the time still to run. A job with a history of "often short, sometimes very
 * long" gets a small rank and a short quantum: if it does not finish within the quantum, its rank
 * rises to that of the long runs and it can be preempted.
 */
public final class GittinsIndex {
    private GittinsIndex() {}

    /**
     * @param seconds  reciprocal of the index: expected service (plus {@code extraS}) per completion
     * @param quantumS the quantum reaching the index: after this much more service without finishing,
     *                 the job's rank changes
     */
    public record Rank(double seconds, double quantumS) {}

    /**
     * The rank of a job from {@code sorted} (run times in seconds, ascending) after {@code attainedS}
     * seconds of service, with {@code extraS} seconds of set-up (e.g. restoring a checkpoint) to pay
     * before any further service. Null when no run of the sample is longer than {@code attainedS}.
     */
    public static Rank of(double[] sorted, double attainedS, double extraS) {
        int first = firstAbove(sorted, attainedS);
        int m = sorted.length - first;
        if (m == 0) return null;
        double best = Double.POSITIVE_INFINITY, bestQuantum = 0, prefix = 0;
        for (int k = 1; k <= m; k++) {
            double left = sorted[first + k - 1] - attainedS;
            prefix += left;
            if (k < m && sorted[first + k] == sorted[first + k - 1]) continue; // equal runs end the same quantum
            // m * E[min(S - a, D)] for D = left is prefix + (m - k) * left; P(S - a <= D) = k / m
            double perCompletion = (prefix + (m - k) * left + m * extraS) / k;
            if (perCompletion < best) {
                best = perCompletion;
                bestQuantum = left;
            }
        }
        return new Rank(best, bestQuantum);
    }

    /** Index of the first value above {@code x} in ascending {@code sorted} (its length if none). */
    static int firstAbove(double[] sorted, double x) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
