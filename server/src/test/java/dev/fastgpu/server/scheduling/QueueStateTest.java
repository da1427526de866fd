package dev.fastgpu.server.scheduling;

import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.PendingJob;
import dev.fastgpu.scheduler.SchedulerConfig.QueueOrder;
import dev.fastgpu.scheduler.order.QueueOrders;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The ranking kept across passes over new jobs only is the whole queue sorted, however the new jobs interleave, and positions count from it. */
class QueueStateTest {
    private static final ResourceRequest ONE_GPU = new ResourceRequest(1, 1000, Set.of(), 0, 0, 0, Map.of());

    @Test
    void adding_batches_committed_out_of_submit_order_ranks_every_job_as_a_full_sort_would() {
        Random random = new Random(7);
        for (QueueOrder order : QueueOrder.values()) for (int recentMax : new int[] {0, 7, 40, QueueState.RECENT_MAX}) {
            QueueState state = new QueueState(order, recentMax);
            List<PendingJob> all = new ArrayList<>();
            long clock = 1_000_000;
            int id = 0;
            for (int pass = 0; pass < 300; pass++) {
                List<PendingJob> batch = new ArrayList<>();
                if (pass == 0) batch.add(new PendingJob("first", ONE_GPU, 0, false, Instant.ofEpochMilli(clock), null, "alice"));
                int n = random.nextInt(6);
                for (int k = 0; k < n; k++) {
                    // mostly later than everything ranked; sometimes a few ms earlier (committed late), sometimes far earlier
                    long submitted = switch (random.nextInt(10)) {
                        case 0 -> clock - random.nextInt(50_000);
                        case 1, 2, 3 -> clock - random.nextInt(5);
                        default -> clock + random.nextInt(3);
                    };
                    clock += random.nextInt(2);
                    batch.add(new PendingJob("j" + (id++ * 7919 % 10_007), ONE_GPU, random.nextInt(3) - 1, false,
                            Instant.ofEpochMilli(submitted), null, "alice"));
                }
                all.addAll(batch);
                state.add(QueueOrders.sorted(batch, order), List.of());
                List<PendingJob> expected = QueueOrders.sorted(all, order);
                assertThat(state.ranked()).as("%s, recent run up to %d, after pass %d", order, recentMax, pass).isEqualTo(expected);
                PendingJob probe = expected.get(random.nextInt(expected.size()));
                assertThat(state.place(probe)).as("place of %s", probe.id()).isEqualTo(expected.indexOf(probe) + 1);
            }
        }
    }
}
