package dev.fastgpu.sim.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Pollux-processed Philly format: {@code timestamp,duration,num_gpus,gpu_time,cluster}, with
 * {@code timestamp} as {@code YYYY-MM-DD HH:MM:SS} (read as UTC) and {@code duration} in seconds.
 * The VC ({@code cluster}) becomes the job's group; Philly has no user or job name.
 */
public final class PhillyReader {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");

    private PhillyReader() {}

    /**
     * {@code yyyy-MM-dd HH:mm[:ss]} as UTC milliseconds. The usual shape is read by position (the
     * formatter took a third of a cold replay's start on the 21,318-row slice); anything else goes
     * through the formatter, which also words the error.
     */
    static long epochMillis(String ts) throws BadRow {
        int n = ts.length();
        if ((n == 19 || n == 16) && ts.charAt(4) == '-' && ts.charAt(7) == '-' && ts.charAt(10) == ' ' && ts.charAt(13) == ':'
                && (n == 16 || ts.charAt(16) == ':')) {
            try {
                return LocalDateTime.of(digits(ts, 0, 4), digits(ts, 5, 7), digits(ts, 8, 10), digits(ts, 11, 13), digits(ts, 14, 16),
                        n == 19 ? digits(ts, 17, 19) : 0).toEpochSecond(ZoneOffset.UTC) * 1000;
            } catch (java.time.DateTimeException | NumberFormatException e) {
                // not a real date or not digits: the formatter below says so
            }
        }
        try {
            return LocalDateTime.parse(ts, TS).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new BadRow("timestamp must look like 2017-11-01 00:02:12, got '" + ts + "'");
        }
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') throw new NumberFormatException();
            v = v * 10 + (c - '0');
        }
        return v;
    }

    public static ReadResult<TraceJob> read(Path file) throws IOException {
        return parse(CsvTable.read(file));
    }

    public static ReadResult<TraceJob> parse(CsvTable table) throws IOException {
        table.require("Philly (timestamp,duration,num_gpus,gpu_time,cluster)", "timestamp", "duration", "num_gpus");
        int cTs = table.column("timestamp"), cDur = table.column("duration"), cGpus = table.column("num_gpus"),
                cVc = table.column("cluster");
        List<TraceJob> jobs = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            try {
                String ts = CsvTable.cell(row, cTs);
                long submitMs = epochMillis(ts);
                double dur = BadRow.parseDouble("duration", CsvTable.cell(row, cDur));
                if (dur < 0) throw new BadRow("duration must not be negative, got " + dur);
                int gpus = BadRow.parseCount("num_gpus", CsvTable.cell(row, cGpus), 0, 100_000);
                jobs.add(new TraceJob(TraceJob.lineId(row.line()), row.line(), submitMs, Math.round(dur * 1000), gpus, 1000,
                        Set.of(), CsvTable.cell(row, cVc), "", ""));
            } catch (BadRow e) {
                problems.add(new RowProblem(row.line(), e.getMessage()));
            }
        }
        return new ReadResult<>(jobs, problems);
    }
}
