package dev.fastgpu.server.json;

import dev.fastgpu.api.JobSpec;

/**
 * Writes a {@link JobSpec} by hand ({@link PlainJson}): the same text as the API's Jackson mapper,
 * fields in the record's order. The server stores every submitted spec as JSON, hashes it, and
 * answers with it. {@code SpecJsonTest} compares the two on random specs.
 */
public final class SpecJson {
    private SpecJson() {}

    /** The spec as JSON, or null when it is not plain (see {@link PlainJson}); then use Jackson. */
    public static String write(JobSpec s) {
        PlainJson j = new PlainJson(256);
        j.beginObject();
        boolean plain = j.text("name", s.name()) && j.text("project", s.project()) && j.texts("command", s.command())
                && j.text("image", s.image()) && j.text("workdir", s.workdir()) && j.textMap("env", s.env());
        if (!plain) return null;
        j.integer("gpus", s.gpus());
        if (!j.texts("gpuModels", s.gpuModels())) return null;
        j.integer("gpuMilli", s.gpuMilli());
        j.integer("minGpuMemoryMib", s.minGpuMemoryMib());
        if (!j.number("cpus", s.cpus())) return null;
        j.integer("memoryMib", s.memoryMib());
        if (!j.textMap("nodeLabels", s.nodeLabels())) return null;
        j.integer("priority", s.priority());
        j.bool("preemptible", s.preemptible());
        j.integer("maxRetries", s.maxRetries());
        j.integer("timeLimitSeconds", s.timeLimitSeconds());
        j.integer("estimatedSeconds", s.estimatedSeconds());
        j.endObject();
        return j.toString();
    }
}
