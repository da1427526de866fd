package dev.fastgpu.agent.exec;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * libc's {@code kill(2)} through the JDK's foreign function API: signalling a process group is one
 * system call instead of starting a {@code kill} program (two process starts per job end, which a
 * node that runs many short jobs feels). Empty when the platform offers no such function; callers
 * fall back to the program then.
 */
final class LibcKill {
    private static final Optional<MethodHandle> KILL = find();

    private LibcKill() {}

    static boolean available() {
        return KILL.isPresent();
    }

    /**
     * {@code kill(pid, signal)}; a negative pid addresses a process group. True when the signal was
     * delivered to at least one process, false when none was left (or it may not be signalled).
     */
    static boolean kill(long pid, int signal) {
        try {
            return (int) KILL.orElseThrow().invokeExact(Math.toIntExact(pid), signal) == 0;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("kill(" + pid + ", " + signal + ") failed: " + t, t);
        }
    }

    private static Optional<MethodHandle> find() {
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("kill").map(address -> linker.downcallHandle(address,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty(); // e.g. native access denied: use the kill program
        }
    }
}
