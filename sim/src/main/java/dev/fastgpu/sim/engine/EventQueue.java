package dev.fastgpu.sim.engine;

import java.util.PriorityQueue;

/** Future events in time order (ties in creation order), the heart of the virtual clock. */
final class EventQueue {
    private final PriorityQueue<Event> heap = new PriorityQueue<>();
    private long seq;

    void add(long timeMs, Event.Kind kind, SimJob job) {
        heap.add(new Event(timeMs, seq++, kind, job, job.epoch));
    }

    boolean isEmpty() {
        return heap.isEmpty();
    }

    long peekTime() {
        return heap.isEmpty() ? Long.MAX_VALUE : heap.peek().timeMs();
    }

    Event poll() {
        return heap.poll();
    }

}
