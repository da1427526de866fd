package dev.fastgpu.cli.jobs;

import picocli.CommandLine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code KEY=VALUE} flag ({@code --env}, {@code --label}). The value may hold further
 * {@code =} signs and may be empty; the key may not.
 */
public record KeyValue(String key, String value) {
    /** Reads {@code KEY=VALUE}; picocli reports a failure as "Invalid value for option '--env' (K=V): ...". */
    public static final class Converter implements CommandLine.ITypeConverter<KeyValue> {
        @Override
        public KeyValue convert(String text) {
            int eq = text.indexOf('=');
            if (eq <= 0) {
                throw new CommandLine.TypeConversionException("'" + text + "' is not KEY=VALUE; write e.g. LR=3e-4 (an empty value is KEY=)");
            }
            return new KeyValue(text.substring(0, eq), text.substring(eq + 1));
        }
    }

    /** The pairs in order, a later one replacing an earlier one with the same key; null for none. */
    public static Map<String, String> toMap(List<KeyValue> pairs) {
        if (pairs == null) return null;
        Map<String, String> out = new LinkedHashMap<>();
        for (KeyValue p : pairs) out.put(p.key(), p.value());
        return out;
    }
}
