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
 * character outside ASCII, or of a double that is not finite, answers false (what was written is
 * then of no use) and the caller hands the whole value to Jackson instead. Used on the submission path, where Jackson's bean serialisers cost
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

    /** A string field, left out when null; false for text outside ASCII. */
    public boolean text(String field, String value) {
        if (value == null) return true;
        name(field);
        return quoted(value);
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

    /** A double field, left out when null; false when it is not finite. */
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
        beginArray(field);
        for (String v : values) {
            nextElement();
            if (v == null) nullValue();
            else if (!quoted(v)) return false;
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
        beginObject(field);
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getValue() == null) continue;
            if (e.getKey() == null) return false;
            if (b.charAt(b.length() - 1) != '{') b.append(',');
            if (!quoted(e.getKey())) return false;
            b.append(':');
            if (!quoted(e.getValue())) return false;
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

    /** Starts a field: a comma unless it is its object's first, then the name (one of the code's own: nothing to escape) and a colon. */
    private StringBuilder name(String field) {
        if (b.charAt(b.length() - 1) != '{') b.append(',');
        return b.append('"').append(field).append("\":");
    }

    /** Appends {@code s} quoted and escaped; false (having written part of it) for a character outside ASCII. */
    private boolean quoted(String s) {
        b.append('"');
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && c <= 0x7F) continue;
            if (c > 0x7F) return false;
            b.append(s, from, i);
            from = i + 1;
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\t' -> b.append("\\t");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        b.append(s, from, s.length()).append('"');
        return true;
    }
}
