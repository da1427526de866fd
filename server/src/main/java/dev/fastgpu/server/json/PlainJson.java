package dev.fastgpu.server.json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON by hand, byte for byte as the API's Jackson mapper ({@code Json.strict()}) writes the
 * same values: fields in the order they are written here (callers follow record order), null fields
 * left out, instants in ISO-8601 ({@link Instant#toString} is {@code ISO_INSTANT}, as Jackson's), doubles as
 * {@link Double#toString}, and the escapes Jackson uses (a backslash before a quote or a backslash;
 * b, t, f, n and r after one for those control characters; a backslash-u escape with four upper-case
 * hex digits for the other characters below 0x20). Only for plain values: a write of text with any
 * character outside ASCII, or of a double that is not finite, answers false and the caller hands the
 * whole value to Jackson instead. Used on the submission path, where Jackson's bean serialisers cost
 * a sixth of the server's CPU.
 */
public final class PlainJson {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder b;

    public PlainJson(int capacity) {
        b = new StringBuilder(capacity);
    }

    public void beginObject() {
        b.append('{');
    }

    public void endObject() {
        b.append('}');
    }

    /** Starts an object-valued field; end it with {@link #endObject}. */
    public void beginObject(String field) {
        name(field).append('{');
    }

    /** Starts an array-valued field; each element starts with {@link #nextElement}, and {@link #endArray} closes it. */
    public void beginArray(String field) {
        name(field).append('[');
    }

    public void nextElement() {
        if (b.charAt(b.length() - 1) != '[') b.append(',');
    }

    public void endArray() {
        b.append(']');
    }

    public void nullValue() {
        b.append("null");
    }

    /** A string field, left out when null; false (nothing written) for text outside ASCII. */
    public boolean text(String field, String value) {
        if (value == null) return true;
        if (!ascii(value)) return false;
        name(field);
        quoted(value);
        return true;
    }

    public void integer(String field, Integer value) {
        if (value != null) name(field).append(value.intValue());
    }

    public void integer(String field, int value) {
        name(field).append(value);
    }

    public void integer(String field, Long value) {
        if (value != null) name(field).append(value.longValue());
    }

    /** A double field, left out when null; false (nothing written) when it is not finite. */
    public boolean number(String field, Double value) {
        if (value == null) return true;
        if (!Double.isFinite(value)) return false;
        name(field).append(value.doubleValue());
        return true;
    }

    public void bool(String field, Boolean value) {
        if (value != null) name(field).append(value.booleanValue());
    }

    public void instant(String field, Instant value) {
        if (value != null) name(field).append('"').append(value).append('"');
    }

    /** A field whose value is JSON already. */
    public void raw(String field, String json) {
        name(field).append(json);
    }

    /** A list of strings (null elements as null), left out when null; false for text outside ASCII. */
    public boolean texts(String field, List<String> values) {
        if (values == null) return true;
        for (String v : values) if (v != null && !ascii(v)) return false;
        beginArray(field);
        for (String v : values) {
            nextElement();
            if (v == null) nullValue();
            else quoted(v);
        }
        endArray();
        return true;
    }

    /** A list of integers (null elements as null), left out when null. */
    public void integers(String field, List<Integer> values) {
        if (values == null) return;
        beginArray(field);
        for (Integer v : values) {
            nextElement();
            if (v == null) nullValue();
            else b.append(v.intValue());
        }
        endArray();
    }

    /** A map of strings in its own order (entries with a null value left out, as Jackson's NON_NULL does), left out when null; false for text outside ASCII. */
    public boolean textMap(String field, Map<String, String> values) {
        if (values == null) return true;
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getValue() != null && (e.getKey() == null || !ascii(e.getKey()) || !ascii(e.getValue()))) return false;
        }
        beginObject(field);
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getValue() == null) continue;
            name(e.getKey());
            quoted(e.getValue());
        }
        endObject();
        return true;
    }

    @Override
    public String toString() {
        return b.toString();
    }

    /** What was written, as bytes (all of it ASCII). */
    public byte[] bytes() {
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Starts a field: a comma unless it is its object's first, then the quoted name and a colon. */
    private StringBuilder name(String field) {
        if (b.charAt(b.length() - 1) != '{') b.append(',');
        quoted(field);
        return b.append(':');
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) > 0x7F) return false;
        return true;
    }

    private void quoted(String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\t' -> b.append("\\t");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    else b.append(c);
                }
            }
        }
        b.append('"');
    }
}
