package dev.fastgpu.sim;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Test files: small fixtures on the class path, and the shared traces when they are present. */
public final class Fixtures {
    private Fixtures() {}

    public static Path fixture(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test fixture " + name, e);
        }
    }

    /**
     * The shared traces directory: {@code -Dfastgpu.traces=DIR} or {@code FASTGPU_TRACES}, else
     * {@code ../shared/traces} from the repository root (Maven runs tests in the module folder).
     */
    public static Optional<Path> sharedTraces() {
        String override = System.getProperty("fastgpu.traces", System.getenv("FASTGPU_TRACES"));
        for (Path p : override != null ? new Path[]{Path.of(override)}
                : new Path[]{Path.of("../../shared/traces"), Path.of("../shared/traces"), Path.of("/work/shared/traces")}) {
            if (Files.isDirectory(p)) return Optional.of(p.toAbsolutePath().normalize());
        }
        return Optional.empty();
    }
}
