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

    /** How long something ran: as {@link #duration}, with tenths of a second under a minute (a 0.9 s run is not "0s"). */
    public static String runTime(Duration d) {
        if (d.isNegative() || d.toSeconds() >= 60) return duration(d);
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 100 / 10.0); // tenths, rounded down like the rest
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
