package dev.fastgpu.sim.cluster;

import dev.fastgpu.sim.trace.CsvTable;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-VC partition sizes: a CSV whose first column names the VC and second the number of nodes
 * (e.g. {@code vc,node num}, the Helios {@code philly_vc.csv}). Each partition is simulated as its
 * own cluster with its own queue; jobs of VCs not listed are reported and left out.
 */
public final class Partitions {
    private Partitions() {}

    public static Map<String, Integer> read(Path file) throws IOException {
        CsvTable t = CsvTable.read(file);
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (CsvTable.Row row : t.rows()) {
            String vc = CsvTable.cell(row, 0);
            String n = CsvTable.cell(row, 1);
            try {
                int nodes = Integer.parseInt(n);
                if (nodes < 1 || vc.isEmpty()) throw new NumberFormatException();
                if (sizes.put(vc, nodes) != null) throw new IOException(file + " line " + row.line() + ": VC '" + vc + "' appears twice");
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + row.line() + ": expected 'vc,nodes' with nodes >= 1, got '" + vc + "," + n + "'");
            }
        }
        if (sizes.isEmpty()) throw new IOException(file + ": no partitions listed (expected lines 'vc,nodes' after a header)");
        return sizes;
    }
}
