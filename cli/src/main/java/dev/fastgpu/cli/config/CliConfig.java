package dev.fastgpu.cli.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The CLI configuration file ({@code $FASTGPU_CONFIG}, default {@code ~/.fastgpu/config}): lines
 * {@code url=...} and {@code token=...}. It holds a secret, so it is written with mode 0600.
 */
public record CliConfig(String url, String token) {

    public static Path path(Map<String, String> env) {
        String configured = env.get("FASTGPU_CONFIG");
        if (configured != null && !configured.isBlank()) return Path.of(configured);
        return Path.of(System.getProperty("user.home"), ".fastgpu", "config");
    }

    public static Optional<CliConfig> read(Path file) {
        if (!Files.isRegularFile(file)) return Optional.empty();
        try {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(file)));
            return Optional.of(new CliConfig(blankToNull(p.getProperty("url")), blankToNull(p.getProperty("token"))));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the FastGPU configuration " + file + ": " + e.getMessage(), e);
        }
    }

    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(ownerOnly));
        Files.writeString(tmp, "# written by fastgpu up\nurl=" + url + "\ntoken=" + token + "\n");
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.setPosixFilePermissions(file, ownerOnly);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
