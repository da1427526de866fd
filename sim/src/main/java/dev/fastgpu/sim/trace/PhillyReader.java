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
                long submitMs;
                try {
                    submitMs = LocalDateTime.parse(ts, TS).toInstant(ZoneOffset.UTC).toEpochMilli();
                } catch (DateTimeParseException e) {
                    throw new BadRow("timestamp must look like 2017-11-01 00:02:12, got '" + ts + "'");
                }
                double dur = BadRow.parseDouble("duration", CsvTable.cell(row, cDur));
                if (dur < 0) throw new BadRow("duration must not be negative, got " + dur);
                int gpus = BadRow.parseCount("num_gpus", CsvTable.cell(row, cGpus), 0, 100_000);
                jobs.add(new TraceJob(String.format("L%07d", row.line()), row.line(), submitMs, Math.round(dur * 1000), gpus, 1000,
                        Set.of(), CsvTable.cell(row, cVc), "", ""));
            } catch (BadRow e) {
                problems.add(new RowProblem(row.line(), e.getMessage()));
            }
        }
        return new ReadResult<>(jobs, problems);
    }
}
