package dev.fastgpu.sim.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Reads a trace in a named format, or recognises the format from the header ("auto"). */
public final class TraceFiles {
    private TraceFiles() {}

    public static ReadResult<TraceJob> read(Path file, String format) throws IOException {
        CsvTable table = CsvTable.read(file);
        String f = format.toLowerCase(Locale.ROOT);
        if (f.equals("auto")) {
            if (table.has("timestamp") && table.has("num_gpus")) f = "philly";
            else if (table.has("submit_s")) f = "fastgpu";
            else if (table.has("num_gpu") && table.has("gpu_milli")) f = "openb";
            else throw new IOException(file + ": cannot tell the trace format from its header; expected Philly "
                        + "(timestamp,duration,num_gpus,...), FastGPU (submit_s,duration_s,gpus,...) or openb pods "
                        + "(name,...,num_gpu,gpu_milli,...), or pass --format");
        }
        return switch (f) {
            case "philly" -> PhillyReader.parse(table);
            case "fastgpu" -> FastGpuCsvReader.parse(table);
            case "openb" -> OpenbReader.podsAsTrace(OpenbReader.parsePods(table));
            default -> throw new IOException("unknown trace format '" + format + "'; use auto, philly, fastgpu or openb");
        };
    }
}
