package dev.fastgpu.sim.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The FastGPU trace CSV (documented in sim/README.md): a header naming the columns, in any order.
 * Required: {@code submit_s} (seconds from any epoch, may be fractional), {@code duration_s},
 * {@code gpus}. Optional: {@code id}, {@code gpu_milli} (1..1000, default 1000, only with 1 GPU),
 * {@code gpu_model} (allowed models separated by {@code |}), {@code vc}, {@code user}, {@code name}.
 */
public final class FastGpuCsvReader {
    private FastGpuCsvReader() {}

    public static ReadResult<TraceJob> read(Path file) throws IOException {
        return parse(CsvTable.read(file));
    }

    public static ReadResult<TraceJob> parse(CsvTable table) throws IOException {
        table.require("FastGPU trace CSV", "submit_s", "duration_s", "gpus");
        int cId = table.column("id"), cSub = table.column("submit_s"), cDur = table.column("duration_s"),
                cGpus = table.column("gpus"), cMilli = table.column("gpu_milli"), cModel = table.column("gpu_model"),
                cVc = table.column("vc"), cUser = table.column("user"), cName = table.column("name");
        List<TraceJob> jobs = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (CsvTable.Row row : table.rows()) {
            try {
                String id = CsvTable.cell(row, cId);
                if (id.isEmpty()) id = TraceJob.lineId(row.line());
                if (!ids.add(id)) throw new BadRow("id '" + id + "' appears twice; ids must be unique");
                double submit = BadRow.parseDouble("submit_s", CsvTable.cell(row, cSub));
                double dur = BadRow.parseDouble("duration_s", CsvTable.cell(row, cDur));
                if (dur < 0) throw new BadRow("duration_s must not be negative, got " + dur);
                int gpus = BadRow.parseCount("gpus", CsvTable.cell(row, cGpus), 0, 100_000);
                String milliText = CsvTable.cell(row, cMilli);
                int milli = milliText.isEmpty() ? 1000 : BadRow.parseCount("gpu_milli", milliText, 1, 1000);
                if (milli < 1000 && gpus != 1) {
                    throw new BadRow("gpu_milli " + milli + " (a share of one GPU) needs gpus = 1, got " + gpus);
                }
                jobs.add(new TraceJob(id, row.line(), Math.round(submit * 1000), Math.round(dur * 1000), gpus, milli,
                        OpenbReader.models(CsvTable.cell(row, cModel)), CsvTable.cell(row, cVc),
                        CsvTable.cell(row, cUser), CsvTable.cell(row, cName)));
            } catch (BadRow e) {
                problems.add(new RowProblem(row.line(), e.getMessage()));
            }
        }
        return new ReadResult<>(jobs, problems);
    }
}
