package dev.fastgpu.cli.jobs;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations people write: {@code 90}, {@code 90s}, {@code 45m}, {@code 2h}, {@code 1h30m}, {@code 2d}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");

    private Durations() {}

    public static Duration parse(String text) {
        String s = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        if (s.matches("\\d+")) return Duration.ofSeconds(Long.parseLong(s));
        if (!s.matches("(\\d+[dhms])+")) {
            throw new IllegalArgumentException("cannot read the duration '" + text
                    + "': write e.g. 90s, 45m, 2h, 1h30m or 2d (a plain number is seconds)");
        }
        Duration d = Duration.ZERO;
        Matcher m = PART.matcher(s);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
        }
        if (d.isZero()) throw new IllegalArgumentException("a duration of 0 is not a time limit: give e.g. 2h");
        return d;
    }
}
