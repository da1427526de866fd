package dev.fastgpu.sim.trace;

import java.util.List;

/** What a reader produced: the good rows and one problem per bad row (never an exception for a bad row). */
public record ReadResult<T>(List<T> items, List<RowProblem> problems) {
    public ReadResult {
        items = List.copyOf(items);
        problems = List.copyOf(problems);
    }

    /** A short summary for people: how many rows were skipped and the first few reasons. */
    public String problemSummary(String file, int max) {
        if (problems.isEmpty()) return "";
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(": skipped ").append(problems.size()).append(" bad row(s)");
        for (int i = 0; i < Math.min(max, problems.size()); i++) {
            sb.append(System.lineSeparator()).append("  ").append(problems.get(i));
        }
        if (problems.size() > max) sb.append(System.lineSeparator()).append("  ...");
        return sb.toString();
    }
}
