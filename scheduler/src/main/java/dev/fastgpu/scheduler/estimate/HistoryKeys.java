package dev.fastgpu.scheduler.estimate;

import java.util.ArrayList;
import java.util.List;

/**
 * The history keys of a job, most specific first. A key is only formed from features that are
 * known (non-empty), so a trace without users or names falls back to group and GPU count.
 */
final class HistoryKeys {
    private HistoryKeys() {}

    /** A key: its label (for {@link Prediction#basis()}) and its value. */
    record Key(String label, String value) {}

    static List<Key> of(JobFeatures f) {
        List<Key> keys = new ArrayList<>(8);
        String g = Integer.toString(f.gpus());
        boolean user = !f.user().isEmpty(), name = !f.name().isEmpty(), group = !f.group().isEmpty();
        if (user && name) keys.add(new Key("user+name+gpus", "unG\u0000" + f.user() + "\u0000" + f.name() + "\u0000" + g));
        if (user && name) keys.add(new Key("user+name", "un\u0000" + f.user() + "\u0000" + f.name()));
        if (name) keys.add(new Key("name+gpus", "nG\u0000" + f.name() + "\u0000" + g));
        if (user) keys.add(new Key("user+gpus", "uG\u0000" + f.user() + "\u0000" + g));
        if (group) keys.add(new Key("group+gpus", "gG\u0000" + f.group() + "\u0000" + g));
        if (user) keys.add(new Key("user", "u\u0000" + f.user()));
        if (group) keys.add(new Key("group", "g\u0000" + f.group()));
        keys.add(new Key("gpus", "G\u0000" + g));
        keys.add(new Key("all", "*"));
        return keys;
    }
}
