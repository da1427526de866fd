package dev.fastgpu.agent.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directories and files of one allocation under the agent's data directory:
 * <pre>
 * jobs/JOBID-ALLOCATIONID/
 *   work/        the job's working directory
 *   output/      FASTGPU_OUTPUT_DIR: results the job wants kept
 *   stdout.log   everything the job wrote to stdout
 *   stderr.log   everything the job wrote to stderr
 *   pgid         the process group id, so a restarted agent can stop an orphaned job
 * </pre>
 */
public record JobWorkspace(Path root) {

    public static JobWorkspace of(Path dataDir, String jobId, String allocationId) {
        return new JobWorkspace(dataDir.resolve("jobs").resolve(safe(jobId) + "-" + safe(allocationId)));
    }

    public Path workDir() { return root.resolve("work"); }

    public Path outputDir() { return root.resolve("output"); }

    public Path stdout() { return root.resolve("stdout.log"); }

    public Path stderr() { return root.resolve("stderr.log"); }

    public Path pgidFile() { return root.resolve("pgid"); }

    public boolean exists() {
        return Files.isDirectory(root);
    }

    void create() throws IOException {
        Files.createDirectories(workDir());
        Files.createDirectories(outputDir());
    }

    /** Ids come from the server; keep them from escaping the jobs directory. */
    private static String safe(String id) {
        String s = id.replaceAll("[^A-Za-z0-9_.-]", "_");
        return s.startsWith(".") ? "_" + s : s;
    }
}
