package dev.fastgpu.sim.report;

import dev.fastgpu.sim.metrics.JobOutcome;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code --csv FILE}: one line per finished job and policy. */
public final class JobCsv {
    private JobCsv() {}

    public static void write(Path file, List<ReplayRun> runs) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("policy,placement,id,vc,owner,gpus,gpu_milli,submit_s,duration_s,start_s,finish_s,queue_s,jct_s,bounded_slowdown,preemptions,predicted_s,wait_capped\n");
            for (ReplayRun r : runs) {
                for (JobOutcome o : r.result().outcomes()) {
                    w.write(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%d,%d,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.4f,%d,%s,%b%n",
                            r.result().policy(), r.result().placement(), csv(o.id()), csv(o.group()), csv(o.owner()),
                            o.gpus(), o.milliPerGpu(), o.submitMs() / 1000.0, o.durationMs() / 1000.0,
                            o.firstStartMs() / 1000.0, o.finishMs() / 1000.0, o.queueMs() / 1000.0, o.jctMs() / 1000.0,
                            o.boundedSlowdown(), o.preemptions(),
                            o.predictedMs() < 0 ? "" : String.format(Locale.ROOT, "%.3f", o.predictedMs() / 1000.0), o.capped()));
                }
            }
        }
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
