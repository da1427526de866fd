package dev.fastgpu.sim.trace;

/** A row that could not be used, with its 1-based line number and what was wrong. */
public record RowProblem(int line, String message) {
    @Override
    public String toString() {
        return "line " + line + ": " + message;
    }
}
