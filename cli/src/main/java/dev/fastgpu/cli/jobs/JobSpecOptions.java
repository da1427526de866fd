package dev.fastgpu.cli.jobs;

import dev.fastgpu.api.JobSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The job flags shared by {@code submit} and {@code plan}; flags override the fields of {@code -f FILE}. */
public final class JobSpecOptions {
    /** Set on every submitted job: the directory the submitter ran {@code fastgpu submit} in. */
    public static final String SUBMIT_DIR_VARIABLE = "FASTGPU_SUBMIT_DIR";

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Job file (YAML or JSON); flags override its fields.")
    Path file;

    @Option(names = "--gpus", paramLabel = "N", description = "Number of GPUs (default 1; 0 for CPU only).")
    Integer gpus;

    @Option(names = "--gpu-model", paramLabel = "M[,M2]", split = ",", description = "Allowed GPU models, e.g. H100 or H100,A100.")
    List<String> gpuModels;

    @Option(names = "--name", paramLabel = "NAME", description = "A label for the job.")
    String name;

    @Option(names = "--project", paramLabel = "PROJECT", description = "Project to bill.")
    String project;

    @Option(names = "--priority", paramLabel = "P", description = "Higher runs first (default 0).")
    Integer priority;

    @Option(names = "--time-limit", paramLabel = "D", description = "Stop the job after this long: 90s, 45m, 2h, 1h30m, 2d.")
    String timeLimit;

    @Option(names = "--env", paramLabel = "K=V", converter = KeyValue.Converter.class,
            description = "Environment variable for the job (repeatable).")
    List<KeyValue> env;

    /** Options holding only a job file, as if given {@code -f file}. */
    public static JobSpecOptions ofFile(Path file) {
        JobSpecOptions o = new JobSpecOptions();
        o.file = file;
        return o;
    }

    /** The spec from the file (if any) with every given flag and {@code command} laid over it. */
    public JobSpec toSpec(List<String> command) {
        JobSpec s = file == null ? JobSpecs.empty() : JobSpecs.read(file);
        Map<String, String> mergedEnv = new LinkedHashMap<>(s.env() == null ? Map.of() : s.env());
        if (env != null) mergedEnv.putAll(KeyValue.toMap(env));
        // Like Slurm's SLURM_SUBMIT_DIR: jobs run in their own directory, and find the submitter's files from here.
        mergedEnv.putIfAbsent(SUBMIT_DIR_VARIABLE, Path.of("").toAbsolutePath().toString());
        Long limit = timeLimit == null ? s.timeLimitSeconds() : Long.valueOf(Durations.parse(timeLimit).toSeconds());
        List<String> cmd = command != null && !command.isEmpty() ? command : s.command();
        if (cmd == null || cmd.isEmpty()) {
            throw new IllegalArgumentException("no command to run: put it after --, e.g. fastgpu submit --gpus 1 -- python train.py"
                    + " (or give `command:` in the job file)");
        }
        if (gpus != null && gpus < 0) throw new IllegalArgumentException("--gpus must be 0 or more, got " + gpus);
        return new JobSpec(name != null ? name : s.name(), project != null ? project : s.project(), cmd, s.image(), s.workdir(),
                mergedEnv.isEmpty() ? null : mergedEnv, gpus != null ? gpus : s.gpus(),
                gpuModels != null ? gpuModels : s.gpuModels(), s.gpuMilli(), s.minGpuMemoryMib(), s.cpus(), s.memoryMib(),
                s.nodeLabels(), priority != null ? priority : s.priority(), s.preemptible(), s.maxRetries(), limit,
                s.estimatedSeconds());
    }
}
