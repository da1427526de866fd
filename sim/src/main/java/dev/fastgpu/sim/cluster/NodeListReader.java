package dev.fastgpu.sim.cluster;

import dev.fastgpu.scheduler.NodeSnapshot;
import dev.fastgpu.sim.trace.CsvTable;
import dev.fastgpu.sim.trace.ReadResult;
import dev.fastgpu.sim.trace.RowProblem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Node-list files, recognised by their header:
 * <ul>
 *   <li>FastGPU: {@code id,gpus,gpu_model[,cpu_milli,memory_mib]}</li>
 *   <li>Alibaba openb: {@code sn,cpu_milli,memory_mib,gpu,model}</li>
 *   <li>Alibaba PAI 2020: {@code machine,gpu_type,cap_cpu,cap_mem,cap_gpu} (cores, GB)</li>
 *   <li>Alibaba spot 2026: {@code node_name,gpu_model,gpu_capacity_num,cpu_num}</li>
 * </ul>
 * Node ids are kept as given; the scheduler visits nodes in id order.
 */
public final class NodeListReader {
    private NodeListReader() {}

    public static ReadResult<NodeSnapshot> read(Path file) throws IOException {
        return parse(CsvTable.read(file));
    }

    public static ReadResult<NodeSnapshot> parse(CsvTable t) throws IOException {
        Format f;
        if (t.has("sn") && t.has("gpu") && t.has("model")) {
            f = new Format(t.column("sn"), t.column("gpu"), t.column("model"), t.column("cpu_milli"), 1, t.column("memory_mib"), 1);
        } else if (t.has("id") && t.has("gpus")) {
            f = new Format(t.column("id"), t.column("gpus"), t.column("gpu_model"), t.column("cpu_milli"), 1, t.column("memory_mib"), 1);
        } else if (t.has("machine") && t.has("cap_gpu")) {
            f = new Format(t.column("machine"), t.column("cap_gpu"), t.column("gpu_type"), t.column("cap_cpu"), 1000, t.column("cap_mem"), 1024);
        } else if (t.has("node_name") && t.has("gpu_capacity_num")) {
            f = new Format(t.column("node_name"), t.column("gpu_capacity_num"), t.column("gpu_model"), t.column("cpu_num"), 1000, -1, 1);
        } else {
            throw new IOException("unknown node-list format: expected a header like 'id,gpus,gpu_model,cpu_milli,memory_mib' "
                    + "(FastGPU), 'sn,cpu_milli,memory_mib,gpu,model' (openb), 'machine,gpu_type,cap_cpu,cap_mem,cap_gpu' (PAI) "
                    + "or 'node_name,gpu_model,gpu_capacity_num,cpu_num' (spot)");
        }
        List<NodeSnapshot> nodes = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (CsvTable.Row row : t.rows()) {
            try {
                String id = CsvTable.cell(row, f.id);
                if (id.isEmpty()) throw new IllegalArgumentException("the node id is empty");
                if (!ids.add(id)) throw new IllegalArgumentException("node id '" + id + "' appears twice");
                int gpus = (int) number(row, f.gpus, "GPU count");
                String model = CsvTable.cell(row, f.model);
                if (model.isEmpty() || gpus == 0) model = "NONE";
                long cpu = f.cpu < 0 || CsvTable.cell(row, f.cpu).isEmpty() ? 0 : Math.round(number(row, f.cpu, "CPU") * f.cpuScale);
                long mem = f.mem < 0 || CsvTable.cell(row, f.mem).isEmpty() ? 0 : Math.round(number(row, f.mem, "memory") * f.memScale);
                nodes.add(ClusterSpec.node(id, gpus, model, cpu, mem));
            } catch (IllegalArgumentException e) {
                problems.add(new RowProblem(row.line(), e.getMessage()));
            }
        }
        return new ReadResult<>(nodes, problems);
    }

    private static double number(CsvTable.Row row, int col, String what) {
        String text = CsvTable.cell(row, col);
        try {
            double d = Double.parseDouble(text);
            if (d < 0 || !Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a non-negative number, got '" + text + "'");
        }
    }

    private record Format(int id, int gpus, int model, int cpu, double cpuScale, int mem, double memScale) {}
}
