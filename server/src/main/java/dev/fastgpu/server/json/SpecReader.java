package dev.fastgpu.server.json;

import dev.fastgpu.api.JobSpec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a plain JSON job spec by hand: the same {@link JobSpec} the API's Jackson reader makes of
 * it, at a fraction of the cost (Jackson's reading was about a tenth of the server's CPU with 64
 * clients submitting). Plain means: one object of known fields, each given once; text in ASCII
 * without escapes; whole numbers (for whole-number fields) without leading zeros that fit their
 * type; {@code true}/{@code false}; arrays and objects of text; {@code null} for a field.
 * Anything else answers null, and the caller hands the body to Jackson, which accepts it or says
 * what is wrong with it, exactly as before: this reader never refuses a body and never reads one
 * Jackson would refuse. {@code SpecReaderTest} checks both on random and on awkward bodies.
 */
public final class SpecReader {
    private final byte[] in;
    private int at;

    private SpecReader(byte[] in) {
        this.in = in;
    }

    /** The spec in {@code json}, or null when it is not plain (then use Jackson). */
    public static JobSpec read(byte[] json) {
        try {
            return new SpecReader(json).spec();
        } catch (NotPlain e) {
            return null;
        }
    }

    /** Thrown to give up on a body: no stack trace, one shared instance. */
    private static final class NotPlain extends RuntimeException {
        static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super(null, null, false, false);
        }
    }

    private static NotPlain notPlain() {
        return NotPlain.INSTANCE;
    }

    private JobSpec spec() {
        String name = null, project = null, image = null, workdir = null;
        List<String> command = null, gpuModels = null;
        Map<String, String> env = null, nodeLabels = null;
        Integer gpus = null, gpuMilli = null, priority = null, maxRetries = null;
        Long minGpuMemoryMib = null, memoryMib = null, timeLimitSeconds = null, estimatedSeconds = null;
        Double cpus = null;
        Boolean preemptible = null;
        int seen = 0; // one bit per field: a field given twice (or by its alias too) is left to Jackson
        expect('{');
        if (!peekIs('}')) {
            do {
                String field = text();
                expect(':');
                int bit = switch (field) {
                    case "name" -> { name = textOrNull(); yield 1; }
                    case "project" -> { project = textOrNull(); yield 1 << 1; }
                    case "command" -> { command = texts(); yield 1 << 2; }
                    case "image" -> { image = textOrNull(); yield 1 << 3; }
                    case "workdir" -> { workdir = textOrNull(); yield 1 << 4; }
                    case "env" -> { env = textMap(); yield 1 << 5; }
                    case "gpus" -> { gpus = integer(); yield 1 << 6; }
                    case "gpuModels", "gpuModel" -> { gpuModels = texts(); yield 1 << 7; }
                    case "gpuMilli" -> { gpuMilli = integer(); yield 1 << 8; }
                    case "minGpuMemoryMib" -> { minGpuMemoryMib = whole(); yield 1 << 9; }
                    case "cpus" -> { cpus = number(); yield 1 << 10; }
                    case "memoryMib" -> { memoryMib = whole(); yield 1 << 11; }
                    case "nodeLabels" -> { nodeLabels = textMap(); yield 1 << 12; }
                    case "priority" -> { priority = integer(); yield 1 << 13; }
                    case "preemptible" -> { preemptible = bool(); yield 1 << 14; }
                    case "maxRetries" -> { maxRetries = integer(); yield 1 << 15; }
                    case "timeLimitSeconds" -> { timeLimitSeconds = whole(); yield 1 << 16; }
                    case "estimatedSeconds" -> { estimatedSeconds = whole(); yield 1 << 17; }
                    default -> throw notPlain(); // Jackson names the unknown field
                };
                if ((seen & bit) != 0) throw notPlain();
                seen |= bit;
            } while (comma());
        }
        expect('}');
        skipSpace();
        if (at != in.length) throw notPlain();
        try {
            return new JobSpec(name, project, command, image, workdir, env, gpus, gpuModels, gpuMilli, minGpuMemoryMib, cpus,
                    memoryMib, nodeLabels, priority, preemptible, maxRetries, timeLimitSeconds, estimatedSeconds);
        } catch (IllegalArgumentException e) {
            throw notPlain(); // Jackson reports what the spec's constructor refused, as it always has
        }
    }

    /** After a member or an element: true at a comma (another follows), false before the closing bracket. */
    private boolean comma() {
        skipSpace();
        if (at < in.length && in[at] == ',') {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        skipSpace();
        if (at >= in.length || in[at] != c) throw notPlain();
        at++;
    }

    private boolean peekIs(char c) {
        skipSpace();
        return at < in.length && in[at] == c;
    }

    private boolean literal(String word) {
        skipSpace();
        if (at + word.length() > in.length) return false;
        for (int i = 0; i < word.length(); i++) if (in[at + i] != word.charAt(i)) return false;
        int end = at + word.length();
        if (end < in.length && Character.isLetterOrDigit(in[end])) return false;
        at = end;
        return true;
    }

    private String textOrNull() {
        return literal("null") ? null : text();
    }

    /** A string of ASCII without escapes. */
    private String text() {
        expect('"');
        int from = at;
        while (at < in.length) {
            byte c = in[at];
            if (c == '"') {
                String s = new String(in, from, at - from, StandardCharsets.ISO_8859_1); // ASCII: one char per byte
                at++;
                return s;
            }
            // escapes are Jackson's to read; raw control characters are invalid JSON; bytes from 0x80 (negative) are not ASCII
            if (c == '\\' || c < 0x20) throw notPlain();
            at++;
        }
        throw notPlain();
    }

    /** An array of strings, a single string (Jackson's single value as array), or null. */
    private List<String> texts() {
        if (literal("null")) return null;
        List<String> out = new ArrayList<>();
        if (!peekIs('[')) {
            out.add(text());
            return out;
        }
        expect('[');
        if (!peekIs(']')) {
            do out.add(text()); while (comma());
        }
        expect(']');
        return out;
    }

    private Map<String, String> textMap() {
        if (literal("null")) return null;
        Map<String, String> out = new LinkedHashMap<>();
        expect('{');
        if (!peekIs('}')) {
            do {
                String key = text();
                expect(':');
                if (out.put(key, text()) != null) throw notPlain(); // a key twice: Jackson's rules decide
            } while (comma());
        }
        expect('}');
        return out;
    }

    private Boolean bool() {
        if (literal("null")) return null;
        if (literal("true")) return Boolean.TRUE;
        if (literal("false")) return Boolean.FALSE;
        throw notPlain();
    }

    private Integer integer() {
        Long v = whole();
        if (v == null) return null;
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw notPlain();
        return v.intValue();
    }

    /** A whole number of at most 18 digits without a leading zero, not followed by a fraction or an exponent; or null. */
    private Long whole() {
        if (literal("null")) return null;
        skipSpace();
        int from = at;
        if (at < in.length && in[at] == '-') at++;
        int digits = at;
        while (at < in.length && in[at] >= '0' && in[at] <= '9') at++;
        int n = at - digits;
        if (n == 0 || n > 18 || (n > 1 && in[digits] == '0')) throw notPlain();
        if (at < in.length && (in[at] == '.' || in[at] == 'e' || in[at] == 'E')) throw notPlain();
        return Long.parseLong(new String(in, from, at - from, StandardCharsets.ISO_8859_1));
    }

    /** A JSON number (RFC 8259 grammar) read as Java reads it, or null. */
    private Double number() {
        if (literal("null")) return null;
        skipSpace();
        int from = at;
        if (at < in.length && in[at] == '-') at++;
        int digits = at;
        while (at < in.length && in[at] >= '0' && in[at] <= '9') at++;
        int n = at - digits;
        if (n == 0 || n > 18 || (n > 1 && in[digits] == '0')) throw notPlain();
        if (at < in.length && in[at] == '.') {
            at++;
            int fraction = at;
            while (at < in.length && in[at] >= '0' && in[at] <= '9') at++;
            if (at == fraction || at - fraction > 18) throw notPlain();
        }
        if (at < in.length && (in[at] == 'e' || in[at] == 'E')) throw notPlain(); // exponents: Jackson's rules
        return Double.parseDouble(new String(in, from, at - from, StandardCharsets.ISO_8859_1));
    }

    private void skipSpace() {
        while (at < in.length && (in[at] == ' ' || in[at] == '\n' || in[at] == '\r' || in[at] == '\t')) at++;
    }
}
