package dev.fastgpu.sim.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A comma-separated file with a header line, read row by row. Supports double-quoted fields,
 * blank lines and {@code #} comment lines. Column lookup is by (case-insensitive) header name.
 */
public final class CsvTable {
    private final Map<String, Integer> columns;
    private final List<Row> rows;

    /** One data row and its 1-based line number in the file. */
    public record Row(int line, List<String> cells) {}

    private CsvTable(Map<String, Integer> columns, List<Row> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    public static CsvTable read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such file: " + file + " (check the path)");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(in);
        }
    }

    public static CsvTable parse(BufferedReader in) throws IOException {
        Map<String, Integer> columns = null;
        List<Row> rows = new ArrayList<>();
        String text;
        int line = 0;
        while ((text = in.readLine()) != null) {
            line++;
            if (line == 1 && text.startsWith("\uFEFF")) text = text.substring(1);
            String trimmed = text.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) continue;
            List<String> cells = split(text);
            if (columns == null) {
                columns = new HashMap<>();
                for (int i = 0; i < cells.size(); i++) columns.putIfAbsent(cells.get(i).strip().toLowerCase(Locale.ROOT), i);
            } else {
                rows.add(new Row(line, cells));
            }
        }
        if (columns == null) throw new IOException("the file is empty: a header line is required");
        return new CsvTable(columns, rows);
    }

    static List<String> split(String text) {
        if (text.indexOf('"') < 0) { // the usual line: cut at every comma
            List<String> cells = new ArrayList<>(8);
            int from = 0;
            for (int comma = text.indexOf(','); comma >= 0; comma = text.indexOf(',', from)) {
                cells.add(text.substring(from, comma));
                from = comma + 1;
            }
            cells.add(text.substring(from));
            return cells;
        }
        List<String> cells = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        cells.add(cur.toString());
        return cells;
    }

    public boolean has(String column) {
        return columns.containsKey(column.toLowerCase(Locale.ROOT));
    }

    /** Column index, or -1. */
    public int column(String name) {
        return columns.getOrDefault(name.toLowerCase(Locale.ROOT), -1);
    }

    /** Throws a message naming the missing columns when the header lacks any of {@code required}. */
    public void require(String format, String... required) throws IOException {
        List<String> missing = new ArrayList<>();
        for (String r : required) if (!has(r)) missing.add(r);
        if (!missing.isEmpty()) {
            throw new IOException("not a " + format + " file: the header lacks column(s) " + missing
                    + "; expected at least " + List.of(required));
        }
    }

    public List<Row> rows() {
        return rows;
    }

    /** The cell of {@code row} in column {@code index}, stripped; "" when the row is short or index is -1. */
    public static String cell(Row row, int index) {
        return index < 0 || index >= row.cells().size() ? "" : row.cells().get(index).strip();
    }
}
