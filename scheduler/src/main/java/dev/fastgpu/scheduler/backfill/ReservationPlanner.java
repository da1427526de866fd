package dev.fastgpu.scheduler.backfill;

import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.scheduler.Allocation;
import dev.fastgpu.scheduler.Fit;
import dev.fastgpu.scheduler.GpuPicker;
import dev.fastgpu.scheduler.NodeUsage;
import dev.fastgpu.scheduler.PendingJob;
import dev.fastgpu.scheduler.filter.Filters;
import dev.fastgpu.scheduler.pass.ClusterState;
import dev.fastgpu.scheduler.place.GangPlacer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Finds where and when the first blocked job will fit, by releasing each node's running jobs in
 * the order their estimates say they end (jobs already being stopped first). The earliest node
 * wins; if no node has a known time, the node closest to fitting now is reserved without a time.
 */
public final class ReservationPlanner {
    private ReservationPlanner() {}

    /** When a node will hold a request, and what will be free there then. */
    private record Forecast(int node, Instant at, NodeUsage freeThen, long closeness) {}

    private static final Comparator<Forecast> EARLIEST = Comparator
            .comparing(Forecast::at, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparing(f -> -f.closeness())
            .thenComparingInt(Forecast::node);

    /** A reservation for {@code head}, or null when no ready node could ever hold it. */
    public static Reservation reserve(ClusterState state, PendingJob head, boolean gang, Instant now) {
        return gang ? reserveGang(state, head, now) : reserveSingle(state, head, now);
    }

    private static Reservation reserveSingle(ClusterState state, PendingJob head, Instant now) {
        Forecast best = null;
        for (int n = state.readyNodes().nextSetBit(0); n >= 0; n = state.readyNodes().nextSetBit(n + 1)) {
            Forecast f = forecast(state, n, head.request(), now);
            if (f != null && (best == null || EARLIEST.compare(f, best) < 0)) best = f;
        }
        if (best == null) return null;
        return new Reservation(state, head, best.at(), List.of(new Reservation.Part(best.node(), head.request(), best.freeThen())));
    }

    private static Reservation reserveGang(ClusterState state, PendingJob head, Instant now) {
        ResourceRequest r = head.request();
        for (int m : state.eligibleModels(r)) {
            int size = state.maxPerNode(m);
            ResourceRequest modelRequest = new ResourceRequest(r.gpus(), r.milliPerGpu(), Set.of(state.model(m)),
                    r.minGpuMemoryMib(), r.cpuMilli(), r.memoryMib(), r.nodeLabels());
            ResourceRequest wholePart = GangPlacer.part(modelRequest, size);
            List<Forecast> whole = new ArrayList<>();
            for (int n = state.readyNodes().nextSetBit(0); n >= 0; n = state.readyNodes().nextSetBit(n + 1)) {
                if (state.totalOfModel(n, m) != size) continue;
                Forecast f = forecast(state, n, wholePart, now);
                if (f != null) whole.add(f);
            }
            whole.sort(EARLIEST);
            int wholeNodes = r.gpus() / size;
            if (whole.size() < wholeNodes) continue;
            List<Reservation.Part> parts = new ArrayList<>();
            Instant at = now;
            boolean unknown = false;
            for (Forecast f : whole.subList(0, wholeNodes)) {
                parts.add(new Reservation.Part(f.node(), wholePart, f.freeThen()));
                if (f.at() == null) unknown = true;
                else if (f.at().isAfter(at)) at = f.at();
            }
            int rest = r.gpus() % size;
            if (rest > 0) {
                ResourceRequest restPart = GangPlacer.part(modelRequest, rest);
                Forecast best = null;
                for (int n = state.readyNodes().nextSetBit(0); n >= 0; n = state.readyNodes().nextSetBit(n + 1)) {
                    final int node = n;
                    if (parts.stream().anyMatch(p -> p.node() == node)) continue;
                    Forecast f = forecast(state, n, restPart, now);
                    if (f != null && (best == null || EARLIEST.compare(f, best) < 0)) best = f;
                }
                if (best == null) continue;
                parts.add(new Reservation.Part(best.node(), restPart, best.freeThen()));
                if (best.at() == null) unknown = true;
                else if (best.at().isAfter(at)) at = best.at();
            }
            return new Reservation(state, head, unknown ? null : at, parts);
        }
        return null;
    }

    /** When node {@code n} will hold {@code request}: null if never; at = null if only at an unknown time. */
    private static Forecast forecast(ClusterState state, int n, ResourceRequest request, Instant now) {
        if (!state.staticallyFeasible(n, request)) return null;
        NodeUsage usage = state.usage(n).copy();
        long closeness = Filters.GPU_FREE.measure(state.node(n), usage, request);
        if (Fit.pick(state.node(n), usage, request, GpuPicker.Preference.BEST_FIT) != null) {
            return new Forecast(n, now, usage, closeness);
        }
        List<Allocation> ending = new ArrayList<>();
        for (Allocation a : state.allocationsOn(n)) if (a.releasing() || endOf(a) != null) ending.add(a);
        for (Allocation a : state.placedOn(n)) if (endOf(a) != null) ending.add(a);
        ending.sort(Comparator.comparing((Allocation a) -> a.releasing() ? now : endOf(a)).thenComparing(Allocation::jobId));
        NodeUsage then = usage.copy();
        for (Allocation a : ending) {
            then.give(a);
            if (Fit.pick(state.node(n), then, request, GpuPicker.Preference.BEST_FIT) != null) {
                Instant end = a.releasing() ? now : endOf(a);
                return new Forecast(n, end.isBefore(now) ? now : end, then, closeness);
            }
        }
        return new Forecast(n, null, usage, closeness);
    }

    private static Instant endOf(Allocation a) {
        return a.estimate() == null || a.startedAt() == null ? null : a.startedAt().plus(a.estimate());
    }
}
