package dev.fastgpu.server.service;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Version counters with waiters, one per key: the long poll of a node's assignment set and the
 * live log stream of a job both wait here until their key's version moves or a timeout passes.
 */
public final class Wakeups {
    private final long origin;
    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    /** @param origin first version of every key (use the start time so versions differ across restarts) */
    public Wakeups(long origin) {
        this.origin = origin;
    }

    public long version(String key) {
        return versions.computeIfAbsent(key, k -> new AtomicLong(origin)).get();
    }

    public void bump(String key) {
        versions.computeIfAbsent(key, k -> new AtomicLong(origin)).incrementAndGet();
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the key's version differs from {@code known} or {@code timeout} passes; returns the current version. */
    public long await(String key, long known, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (version(key) == known) {
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                changed.awaitNanos(left);
            }
            return version(key);
        } finally {
            lock.unlock();
        }
    }
}
