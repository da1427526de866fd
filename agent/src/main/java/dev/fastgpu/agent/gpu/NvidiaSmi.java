package dev.fastgpu.agent.gpu;

import dev.fastgpu.agent.exec.Executables;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs the nvidia-smi binary (the real one, or a fake script in tests) and returns its CSV lines. */
public final class NvidiaSmi {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private final String executable;

    public NvidiaSmi(String executable) {
        this.executable = executable;
    }

    /** The nvidia-smi found on the PATH, if there is one. */
    public static Optional<NvidiaSmi> onPath() {
        return Executables.onPath("nvidia-smi", System.getenv("PATH")).map(p -> new NvidiaSmi(p.toString()));
    }

    public String executable() {
        return executable;
    }

    /**
     * Starts {@code nvidia-smi --query-gpu=FIELDS --format=csv,noheader,nounits -lms MS}: it prints a line
     * per GPU every period until stopped. Its standard error is discarded.
     */
    public Process loop(String fields, Duration period) throws IOException {
        Process p = new ProcessBuilder(executable, "--query-gpu=" + fields, "--format=csv,noheader,nounits",
                "-lms", Long.toString(Math.max(1, period.toMillis())))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.getOutputStream().close();
        return p;
    }

    /** Runs {@code nvidia-smi --query-gpu=FIELDS --format=csv,noheader,nounits} and returns its non-blank lines. */
    public List<String> query(String fields) throws IOException {
        Process p = new ProcessBuilder(executable, "--query-gpu=" + fields, "--format=csv,noheader,nounits")
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(executable + " did not answer within " + TIMEOUT.toSeconds() + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(executable + " failed with exit code " + p.exitValue() + ": " + out.strip());
            }
            return out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + executable, e);
        }
    }
}
