package dev.fastgpu.scheduler.order;

import dev.fastgpu.scheduler.PendingJob;
import dev.fastgpu.scheduler.SchedulerConfig.QueueOrder;

import java.time.Duration;
import java.util.Comparator;

/**
 * The queue orderings. Every one ends with submit time, then job id, so equal input always gives
 * the same order.
 */
public final class QueueOrders {
    private QueueOrders() {}

    /** Oldest first. */
    public static final Comparator<PendingJob> FIFO =
            Comparator.comparing(PendingJob::submittedAt).thenComparing(PendingJob::id);

    /** Higher priority first, then oldest first. */
    public static final Comparator<PendingJob> PRIORITY =
            Comparator.comparingInt(PendingJob::priority).reversed().thenComparing(FIFO);

    /** Shortest estimate first; jobs without an estimate after all those with one; then oldest first. */
    public static final Comparator<PendingJob> SHORTEST_FIRST =
            Comparator.comparing(PendingJob::estimate, Comparator.nullsLast(Comparator.<Duration>naturalOrder()))
                    .thenComparing(FIFO);

    public static Comparator<PendingJob> of(QueueOrder order) {
        return switch (order) {
            case FIFO -> FIFO;
            case PRIORITY -> PRIORITY;
            case SHORTEST_FIRST -> SHORTEST_FIRST;
        };
    }
}
