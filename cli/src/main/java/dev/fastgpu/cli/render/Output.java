package dev.fastgpu.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.fastgpu.api.Json;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** The {@code -o table|json} option shared by every client command. */
public final class Output {
    public enum Format { table, json }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.table;

    public boolean json() {
        return format == Format.json;
    }

    public static void printJson(PrintWriter out, Object value) {
        try {
            out.println(Json.lenient().writerWithDefaultPrettyPrinter().writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
