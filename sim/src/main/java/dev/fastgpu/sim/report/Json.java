package dev.fastgpu.sim.report;

import java.util.Locale;
import java.util.Map;

/** A minimal JSON object writer for flat figures (keys kept in insertion order). */
public final class Json {
    private final StringBuilder sb = new StringBuilder("{");
    private boolean first = true;

    private Json key(String k) {
        if (!first) sb.append(',');
        first = false;
        sb.append(quote(k)).append(':');
        return this;
    }

    public Json put(String k, String v) {
        key(k).sb.append(v == null ? "null" : quote(v));
        return this;
    }

    public Json put(String k, long v) {
        key(k).sb.append(v);
        return this;
    }

    public Json put(String k, double v) {
        key(k).sb.append(number(v));
        return this;
    }

    /** Inserts already-encoded JSON (an object or array built elsewhere). */
    public Json raw(String k, String json) {
        key(k).sb.append(json);
        return this;
    }

    public Json put(String k, Map<String, Double> m) {
        Json o = new Json();
        m.forEach(o::put);
        return raw(k, o.toString());
    }

    @Override
    public String toString() {
        return sb + "}";
    }

    public static String number(double v) {
        if (!Double.isFinite(v)) return "null";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    public static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20) q.append(String.format("\\u%04x", (int) c));
                    else q.append(c);
                }
            }
        }
        return q.append('"').toString();
    }
}
