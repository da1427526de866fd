package dev.fastgpu.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One FastGPU process per data directory: an exclusive lock on {@code DIR/.lock}, which the
 * operating system drops when the process ends, crash or not. Two servers on one database would
 * schedule the same GPUs twice, and a second agent on one agent directory would take the first
 * one's running jobs for leftovers of a crash and kill them.
 */
public final class DirectoryLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code dir} (created if missing) for this process, or says which process
     * holds it. {@code what} names the holder in the message, e.g. "FastGPU server".
     *
     * @throws IllegalStateException when another process (or another holder in this one) has it
     */
    public static DirectoryLock acquire(Path dir, String what) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(".lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldHere) {
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            String holder = Files.readString(file, StandardCharsets.US_ASCII).strip();
            throw new IllegalStateException("another " + what + " is using " + dir + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                    + "; stop it first, or give this one a data directory of its own");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        return new DirectoryLock(channel, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the process is ending or the file is gone: the lock goes with the channel either way
        }
    }
}
