package dev.fastgpu.sim.trace;

import dev.fastgpu.model.GpuModels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Alibaba cluster-trace-gpu-v2023 ("openb") pod lists
 * ({@code name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time}),
 * and their conversion to a replay trace.
 */
public final class OpenbReader {
    private OpenbReader() {}

    public static ReadResult<OpenbPod> readPods(Path file) throws IOException {
        return parsePods(CsvTable.read(file));
    }

    public static ReadResult<OpenbPod> parsePods(CsvTable t) throws IOException {
        t.require("openb pod list", "name", "cpu_milli", "memory_mib", "num_gpu", "gpu_milli");
        int cName = t.column("name"), cCpu = t.column("cpu_milli"), cMem = t.column("memory_mib"),
                cGpu = t.column("num_gpu"), cMilli = t.column("gpu_milli"), cSpec = t.column("gpu_spec"),
                cCreate = t.column("creation_time"), cDelete = t.column("deletion_time"),
                cSched = t.column("scheduled_time");
        List<OpenbPod> pods = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        for (CsvTable.Row row : t.rows()) {
            try {
                String name = CsvTable.cell(row, cName);
                if (name.isEmpty()) throw new BadRow("name is empty");
                long cpu = BadRow.parseLong("cpu_milli", CsvTable.cell(row, cCpu));
                long mem = BadRow.parseLong("memory_mib", CsvTable.cell(row, cMem));
                if (cpu < 0 || mem < 0) throw new BadRow("cpu_milli and memory_mib must not be negative");
                int gpus = BadRow.parseCount("num_gpu", CsvTable.cell(row, cGpu), 0, 1024);
                String milliText = CsvTable.cell(row, cMilli);
                int milli = milliText.isEmpty() ? (gpus == 0 ? 0 : 1000) : BadRow.parseCount("gpu_milli", milliText, 0, 1000);
                if (gpus > 0 && milli == 0) throw new BadRow("gpu_milli is 0 for a pod asking for " + gpus + " GPU(s)");
                if (gpus > 1 && milli < 1000) throw new BadRow("gpu_milli " + milli + " < 1000 with num_gpu " + gpus + "; a shared GPU needs num_gpu = 1");
                long created = optionalLong("creation_time", CsvTable.cell(row, cCreate));
                long deleted = optionalLong("deletion_time", CsvTable.cell(row, cDelete));
                long scheduled = optionalLong("scheduled_time", CsvTable.cell(row, cSched));
                pods.add(new OpenbPod(name, row.line(), cpu, mem, gpus, milli, models(CsvTable.cell(row, cSpec)),
                        created, deleted, scheduled));
            } catch (BadRow e) {
                problems.add(new RowProblem(row.line(), e.getMessage()));
            } catch (IllegalArgumentException e) {
                problems.add(new RowProblem(row.line(), e.getMessage()));
            }
        }
        return new ReadResult<>(pods, problems);
    }

    /**
     * Pods as a replay trace: submit = creation time, run time = deletion - scheduled time. Pods
     * that never ran (no scheduled time) or ask for no GPU are reported, not replayed.
     */
    public static ReadResult<TraceJob> podsAsTrace(ReadResult<OpenbPod> pods) {
        List<TraceJob> jobs = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>(pods.problems());
        for (OpenbPod p : pods.items()) {
            if (p.gpus() == 0) {
                problems.add(new RowProblem(p.line(), "pod " + p.name() + " asks for no GPU; not replayed"));
            } else if (p.scheduledS() < 0 || p.deletionS() < p.scheduledS()) {
                problems.add(new RowProblem(p.line(), "pod " + p.name() + " has no run time (never scheduled); not replayed"));
            } else {
                jobs.add(new TraceJob(p.name(), p.line(), p.creationS() * 1000, (p.deletionS() - p.scheduledS()) * 1000,
                        p.gpus(), p.gpus() == 1 ? p.gpuMilli() : 1000, p.gpuModels(), "", "", ""));
            }
        }
        return new ReadResult<>(jobs, problems);
    }

    static long optionalLong(String column, String text) throws BadRow {
        if (text.isEmpty()) return -1;
        return Math.round(BadRow.parseDouble(column, text));
    }

    /** {@code V100M16|V100M32} to a set of canonical model names; "" to the empty set (any model). */
    static Set<String> models(String spec) {
        Set<String> out = new TreeSet<>();
        for (String m : spec.split("\\|")) if (!m.isBlank()) out.add(GpuModels.canonical(m));
        return out;
    }
}
