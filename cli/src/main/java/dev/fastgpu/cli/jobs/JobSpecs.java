package dev.fastgpu.cli.jobs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.fastgpu.api.JobSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads job files ({@code -f job.yaml}; JSON is YAML too) into a {@link JobSpec}, rejecting unknown fields. */
public final class JobSpecs {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private JobSpecs() {}

    public static JobSpec read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("job file " + file + " does not exist");
        }
        try {
            JobSpec spec = YAML.readValue(file.toFile(), JobSpec.class);
            if (spec == null) throw new IllegalArgumentException("job file " + file + " is empty");
            return spec;
        } catch (IOException e) {
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException("cannot read job file " + file + ": " + why
                    + " (fields: name, project, command, env, gpus, gpuModel, priority, timeLimitSeconds, ... see api/README.md)", e);
        }
    }

    public static JobSpec empty() {
        return new JobSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
