package dev.fastgpu.model;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The GPU model sets of requests, each distinct set kept once. Jobs are many and the sets they
 * ask for are few ("H100", "A100,H100", none), so a queue of a million jobs holds a handful of sets
 * instead of a million copies (a one-model set is about 150 bytes). Past {@code maxKept} distinct
 * sets, new ones are simply not shared.
 */
final class ModelSets {
    /** The one every {@link ResourceRequest} uses. */
    static final ModelSets REQUESTS = new ModelSets(4096);
    private static final SortedSet<String> NONE = Collections.emptySortedSet();
    private final int maxKept;
    private final ConcurrentHashMap<SortedSet<String>, SortedSet<String>> kept = new ConcurrentHashMap<>();

    ModelSets(int maxKept) {
        this.maxKept = maxKept;
    }

    /** An unmodifiable set equal to {@code models} (which the caller hands over and no longer changes). */
    SortedSet<String> shared(TreeSet<String> models) {
        if (models.isEmpty()) return NONE;
        SortedSet<String> known = kept.get(models);
        if (known != null) return known;
        SortedSet<String> frozen = Collections.unmodifiableSortedSet(models);
        if (kept.size() >= maxKept) return frozen;
        known = kept.putIfAbsent(frozen, frozen);
        return known != null ? known : frozen;
    }
}
