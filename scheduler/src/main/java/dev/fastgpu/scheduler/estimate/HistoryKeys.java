package dev.fastgpu.scheduler.estimate;

import java.util.ArrayList;
import java.util.List;

/**
 * The history keys of a job, most specific first. A key is only formed from features that are
 * known (non-empty), so a trace without users or names falls back to group and GPU count. With a
 * submit context (see {@link SubmitContext}), the job's shape and its GPU count are first tried
 * together with the context.
 */
final class HistoryKeys {
    private HistoryKeys() {}

    /** A key: its label (for {@link Prediction#basis()}) and its value. */
    record Key(String label, String value) {}

    /** The job's shape: its most specific key without context; submit contexts are measured per shape. */
    static String shape(JobFeatures f) {
        return plain(f).getFirst().value();
    }

    /** The keys, with {@code context} (may be null: unknown) tried first on the shape and on the GPU count. */
    static List<Key> of(JobFeatures f, String context) {
        List<Key> plain = plain(f);
        if (context == null) return plain;
        List<Key> keys = new ArrayList<>(plain.size() + 2);
        Key shape = plain.getFirst();
        String g = Integer.toString(f.gpus());
        if (!shape.label().equals("gpus")) keys.add(new Key(shape.label() + "+" + context, shape.value() + "\u0000@" + context));
        keys.add(new Key("gpus+" + context, "G\u0000" + g + "\u0000@" + context));
        keys.addAll(plain);
        return keys;
    }

    private static List<Key> plain(JobFeatures f) {
        List<Key> keys = new ArrayList<>(8);
        String g = Integer.toString(f.gpus());
        boolean user = !f.user().isEmpty(), name = !f.name().isEmpty(), group = !f.group().isEmpty();
        if (user && name) keys.add(new Key("user+name+gpus", "unG\u0000" + f.user() + "\u0000" + f.name() + "\u0000" + g));
        if (user && name) keys.add(new Key("user+name", "un\u0000" + f.user() + "\u0000" + f.name()));
        if (name) keys.add(new Key("name+gpus", "nG\u0000" + f.name() + "\u0000" + g));
        if (user) keys.add(new Key("user+gpus", "uG\u0000" + f.user() + "\u0000" + g));
        if (group) keys.add(new Key("group+gpus", "gG\u0000" + f.group() + "\u0000" + g));
        if (user) keys.add(new Key("user", "u\u0000" + f.user()));
        keys.add(new Key("gpus", "G\u0000" + g));
        keys.add(new Key("all", "*"));
        return keys;
    }
}
