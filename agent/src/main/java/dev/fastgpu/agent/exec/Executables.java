package dev.fastgpu.agent.exec;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** Finds programs the way a shell does: a name with a slash is a path (relative to the working directory), any other is looked up on a PATH. */
public final class Executables {
    /** What a process without PATH in its environment searches (the shell's default). */
    static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private Executables() {}

    /** The first executable regular file called {@code name} in the directories of {@code path}. */
    public static Optional<Path> onPath(String name, String path) {
        return onPath(name, path, Path.of("").toAbsolutePath());
    }

    /** The same, with relative directories of {@code path} taken from {@code base}; the answer is absolute. */
    private static Optional<Path> onPath(String name, String path, Path base) {
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            try {
                Path candidate = base.resolve(dir).resolve(name).toAbsolutePath();
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return Optional.of(candidate);
            } catch (InvalidPathException e) {
                // not a directory name this system can have: nothing there
            }
        }
        return Optional.empty();
    }

    /**
     * The program a job's command names, as the job would find it: with {@code path} (the job's own
     * PATH, null for the default) and {@code cwd} (its working directory). Throws with what is wrong.
     */
    static Path resolve(String program, String path, Path cwd) throws IOException {
        if (program.contains("/")) {
            Path p;
            try {
                p = cwd.resolve(program).toAbsolutePath();
            } catch (InvalidPathException e) {
                throw new IOException("cannot run '" + program + "': not a valid path (" + e.getReason() + ")");
            }
            if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                throw new IOException("cannot run '" + program + "': no such executable file"
                        + (Path.of(program).isAbsolute() ? "" : " in the job's working directory " + cwd));
            }
            return p;
        }
        String search = path != null ? path : DEFAULT_PATH;
        return onPath(program, search, cwd).orElseThrow(() ->
                new IOException("cannot run '" + program + "': not found on the job's PATH (" + search + ")"));
    }
}
