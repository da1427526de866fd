package dev.fastgpu.cli.render;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Small formatting helpers for tables. */
public final class Formats {
    private Formats() {}

    public static String ago(Instant then, Instant now) {
        if (then == null) return "-";
        return duration(Duration.between(then, now)) + " ago";
    }

    public static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) return s + "s";
        if (s < 3600) return (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
        if (s < 86400) return (s / 3600) + "h" + ((s % 3600) / 60 == 0 ? "" : ((s % 3600) / 60) + "m");
        return (s / 86400) + "d" + ((s % 86400) / 3600 == 0 ? "" : ((s % 86400) / 3600) + "h");
    }

    public static String ints(List<Integer> values) {
        return values == null || values.isEmpty() ? "-" : values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    public static String money(double usd) {
        return String.format(Locale.ROOT, "$%.4f", usd);
    }

    public static String number(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
