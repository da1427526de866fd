package dev.fastgpu.scheduler.order;

import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.PendingJob;
import dev.fastgpu.scheduler.SchedulerConfig.QueueOrder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QueueOrdersTest {
    @Provide
    Arbitrary<List<PendingJob>> queues() {
        Arbitrary<PendingJob> job = Combinators.combine(Arbitraries.strings().alpha().ofLength(2),
                Arbitraries.integers().between(-2, 2), Arbitraries.longs().between(0, 5),
                Arbitraries.of(-1L, 0L, 10L, 20L)).as((id, prio, at, est) -> new PendingJob(id, ResourceRequest.gpus(1),
                prio, false, Instant.EPOCH.plusSeconds(at), est < 0 ? null : Duration.ofSeconds(est), "u"));
        return job.list().ofMaxSize(30).uniqueElements(PendingJob::id);
    }

    @Property(tries = 300)
    void the_fast_sort_orders_like_the_comparator(@ForAll("queues") List<PendingJob> jobs) {
        for (QueueOrder order : QueueOrder.values()) {
            List<PendingJob> expected = new ArrayList<>(jobs);
            expected.sort(QueueOrders.of(order));
            assertThat(QueueOrders.sorted(jobs, order)).as(order.name()).isEqualTo(expected);
        }
    }
}
