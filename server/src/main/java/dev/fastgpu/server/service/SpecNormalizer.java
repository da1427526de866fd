package dev.fastgpu.server.service;

import dev.fastgpu.api.JobSpec;
import dev.fastgpu.model.GpuModels;
import dev.fastgpu.model.ResourceRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Checks a submitted {@link JobSpec} field by field and fills in defaults. Every rejection says
 * which field is wrong, what was given and what is accepted.
 */
public final class SpecNormalizer {
    public static final int MAX_GPUS = 4096;
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    /** A checked spec and the resources it asks for. */
    public record Normalized(JobSpec spec, ResourceRequest request) {
    }

    private SpecNormalizer() {}

    public static Normalized normalize(JobSpec s, String defaultProject) {
        if (s == null) throw ApiError.invalidSpec("the request body is empty; send a job spec such as {\"command\": [\"nvidia-smi\"], \"gpus\": 1}");
        List<String> command = command(s.command());
        int gpus = s.gpus() == null ? 1 : s.gpus();
        if (gpus < 0 || gpus > MAX_GPUS) throw ApiError.invalidSpec("gpus must be between 0 and " + MAX_GPUS + ", got " + gpus);
        int milli = s.gpuMilli() == null ? ResourceRequest.WHOLE : s.gpuMilli();
        if (milli < 1 || milli > ResourceRequest.WHOLE) {
            throw ApiError.invalidSpec("gpuMilli (share of each GPU in thousandths) must be between 1 and 1000, got " + milli);
        }
        if (milli < ResourceRequest.WHOLE && gpus != 1) {
            throw ApiError.invalidSpec("a GPU share below 1000 (gpuMilli: " + milli + ") needs gpus: 1, got gpus: " + gpus);
        }
        List<String> models = new ArrayList<>();
        for (String m : s.gpuModels() == null ? List.<String>of() : s.gpuModels()) {
            if (m == null || m.isBlank()) throw ApiError.invalidSpec("gpuModels must not contain an empty name");
            models.add(GpuModels.canonical(m));
        }
        long minGpuMem = nonNegative("minGpuMemoryMib", s.minGpuMemoryMib());
        long memory = nonNegative("memoryMib", s.memoryMib());
        double cpus = s.cpus() == null ? 0 : s.cpus();
        if (cpus < 0 || Double.isNaN(cpus) || cpus > 100_000) throw ApiError.invalidSpec("cpus must be between 0 and 100000, got " + cpus);
        int retries = s.maxRetries() == null ? 3 : s.maxRetries();
        if (retries < 0 || retries > 100) throw ApiError.invalidSpec("maxRetries must be between 0 and 100, got " + retries);
        if (s.timeLimitSeconds() != null && s.timeLimitSeconds() <= 0) {
            throw ApiError.invalidSpec("timeLimitSeconds must be positive (or left out for no limit), got " + s.timeLimitSeconds());
        }
        if (s.estimatedSeconds() != null && s.estimatedSeconds() <= 0) {
            throw ApiError.invalidSpec("estimatedSeconds must be positive, got " + s.estimatedSeconds());
        }
        Map<String, String> env = new TreeMap<>(s.env() == null ? Map.of() : s.env());
        env.forEach((k, v) -> {
            if (!ENV_NAME.matcher(k).matches()) throw ApiError.invalidSpec("env name '" + k + "' is not a valid variable name (letters, digits, _; not starting with a digit)");
            if (v == null) throw ApiError.invalidSpec("env " + k + " has no value; use \"\" for an empty one");
        });
        Map<String, String> labels = new TreeMap<>(s.nodeLabels() == null ? Map.of() : s.nodeLabels());
        String name = s.name() == null ? defaultName(command) : s.name();
        if (!NAME.matcher(name).matches()) {
            throw ApiError.invalidSpec("name '" + name + "' must be 1-100 characters of letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        String project = s.project() == null || s.project().isBlank() ? defaultProject : s.project().trim();
        long cpuMilli = Math.round(cpus * 1000);
        ResourceRequest request = new ResourceRequest(gpus, milli, java.util.Set.copyOf(models), minGpuMem, cpuMilli, memory, labels);
        JobSpec normalized = new JobSpec(name, project, command, s.image(), s.workdir(), env, gpus, models, milli,
                minGpuMem, cpus, memory, labels, s.priority() == null ? 0 : s.priority(),
                s.preemptible() != null && s.preemptible(), retries, s.timeLimitSeconds(), s.estimatedSeconds());
        return new Normalized(normalized, request);
    }

    private static List<String> command(List<String> command) {
        if (command == null || command.isEmpty()) {
            throw ApiError.invalidSpec("command is missing; give the program and its arguments, e.g. \"command\": [\"python\", \"train.py\"]");
        }
        for (String part : command) {
            if (part == null) throw ApiError.invalidSpec("command must not contain null entries");
        }
        if (command.getFirst().isBlank()) throw ApiError.invalidSpec("command must start with a program name, got an empty string");
        // One string with spaces or shell syntax is a shell command line, as in a job script; the agent uses the same rule.
        return List.copyOf(dev.fastgpu.api.ShellCommand.argv(command));
    }

    private static long nonNegative(String field, Long v) {
        if (v == null) return 0;
        if (v < 0) throw ApiError.invalidSpec(field + " must be >= 0, got " + v);
        return v;
    }

    private static String defaultName(List<String> command) {
        String first = command.size() >= 3 && command.get(0).equals("/bin/sh") && command.get(1).equals("-c")
                ? command.get(2).strip().split("\\s+")[0] : command.getFirst();
        String base = first.substring(first.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "-");
        base = base.replaceAll("^[^A-Za-z0-9]+", "");
        if (base.isEmpty()) base = "job";
        return base.length() > 100 ? base.substring(0, 100) : base;
    }
}
