package dev.fastgpu.agent.exec;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Starts a job's process with glibc's {@code posix_spawn} through the JDK's foreign function API,
 * already the leader of a new session and process group ({@code POSIX_SPAWN_SETSID}), in its working
 * directory, with stdin from /dev/null, stdout and stderr appended to its log files, default signal
 * handling, nothing blocked, and no descriptor of the agent's beyond 0-2.
 *
 * <p>Why: {@link ProcessBuilder} starts a helper program that then runs the command, and making the
 * job a group leader took the {@code setsid} program on top: three program starts per job where this
 * takes one. On a node that runs many short jobs the two extra starts were about 2 ms of CPU a job.
 *
 * <p>Linux with glibc 2.34 or newer only (for {@code posix_spawn_file_actions_addclosefrom_np});
 * {@link #load} is empty anywhere else and the agent uses {@link ProcessBuilder}.
 */
final class NativeSpawn {
    private static final int POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final int POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final int POSIX_SPAWN_SETSID = 0x80;
    private static final int O_RDONLY = 0;
    private static final int O_WRONLY = 01;
    private static final int O_CREAT = 0100;
    private static final int O_APPEND = 02000;
    private static final int EINTR = 4;
    /** Larger than glibc's posix_spawn_file_actions_t (80 bytes), posix_spawnattr_t (336) and sigset_t (128). */
    private static final long OPAQUE_BYTES = 1024;
    private static final Optional<NativeSpawn> INSTANCE = find();

    private final MethodHandle posixSpawn;
    private final MethodHandle actionsInit;
    private final MethodHandle actionsDestroy;
    private final MethodHandle addOpen;
    private final MethodHandle addChdir;
    private final MethodHandle addCloseFrom;
    private final MethodHandle attrInit;
    private final MethodHandle attrDestroy;
    private final MethodHandle setFlags;
    private final MethodHandle setSigMask;
    private final MethodHandle setSigDefault;
    private final MethodHandle sigEmptySet;
    private final MethodHandle sigFillSet;
    private final MethodHandle waitpid;
    private final MethodHandle strerror;
    private final StructLayout callState;
    private final VarHandle errno;

    private NativeSpawn(Linker linker, SymbolLookup libc) {
        posixSpawn = handle(linker, libc, "posix_spawn", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        actionsInit = handle(linker, libc, "posix_spawn_file_actions_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        actionsDestroy = handle(linker, libc, "posix_spawn_file_actions_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        addOpen = handle(linker, libc, "posix_spawn_file_actions_addopen",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        addChdir = handle(linker, libc, "posix_spawn_file_actions_addchdir_np", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        addCloseFrom = handle(linker, libc, "posix_spawn_file_actions_addclosefrom_np", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        attrInit = handle(linker, libc, "posix_spawnattr_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        attrDestroy = handle(linker, libc, "posix_spawnattr_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        setFlags = handle(linker, libc, "posix_spawnattr_setflags", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
        setSigMask = handle(linker, libc, "posix_spawnattr_setsigmask", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        setSigDefault = handle(linker, libc, "posix_spawnattr_setsigdefault", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        sigEmptySet = handle(linker, libc, "sigemptyset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        sigFillSet = handle(linker, libc, "sigfillset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        strerror = handle(linker, libc, "strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        callState = Linker.Option.captureStateLayout();
        errno = callState.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        waitpid = linker.downcallHandle(libc.find("waitpid").orElseThrow(() -> new IllegalStateException("no waitpid in libc")),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), Linker.Option.captureCallState("errno"));
    }

    /** The spawner, or empty where the platform lacks what it needs (then use {@link ProcessBuilder}). */
    static Optional<NativeSpawn> load() {
        return INSTANCE;
    }

    private static Optional<NativeSpawn> find() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) return Optional.empty();
        if ("false".equals(System.getProperty("fastgpu.agent.nativeSpawn"))) return Optional.empty();
        try {
            Linker linker = Linker.nativeLinker();
            return Optional.of(new NativeSpawn(linker, linker.defaultLookup()));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty(); // a symbol is missing (older glibc, musl) or native access is denied
        }
    }

    private static MethodHandle handle(Linker linker, SymbolLookup libc, String name, FunctionDescriptor fd) {
        return linker.downcallHandle(libc.find(name).orElseThrow(() -> new IllegalStateException("no " + name + " in libc")), fd);
    }

    /**
     * Runs {@code program} with {@code argv} (argv[0] as the user wrote it) and returns its pid. Throws
     * with the system's reason when it cannot be started (not executable, a bad interpreter line, ...).
     */
    long spawn(Path program, List<String> argv, Map<String, String> env, Path cwd, Path stdout, Path stderr) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment actions = arena.allocate(OPAQUE_BYTES, 16);
            MemorySegment attr = arena.allocate(OPAQUE_BYTES, 16);
            check((int) actionsInit.invokeExact(actions), "posix_spawn_file_actions_init");
            check((int) attrInit.invokeExact(attr), "posix_spawnattr_init");
            try {
                check((int) addOpen.invokeExact(actions, 0, arena.allocateFrom("/dev/null"), O_RDONLY, 0), "redirecting stdin");
                check((int) addOpen.invokeExact(actions, 1, arena.allocateFrom(stdout.toString()), O_WRONLY | O_CREAT | O_APPEND, 0644),
                        "opening " + stdout);
                check((int) addOpen.invokeExact(actions, 2, arena.allocateFrom(stderr.toString()), O_WRONLY | O_CREAT | O_APPEND, 0644),
                        "opening " + stderr);
                check((int) addChdir.invokeExact(actions, arena.allocateFrom(cwd.toString())), "changing to " + cwd);
                check((int) addCloseFrom.invokeExact(actions, 3), "closing the agent's descriptors");
                MemorySegment none = arena.allocate(OPAQUE_BYTES, 16);
                MemorySegment all = arena.allocate(OPAQUE_BYTES, 16);
                check((int) sigEmptySet.invokeExact(none), "sigemptyset");
                check((int) sigFillSet.invokeExact(all), "sigfillset");
                check((int) setSigMask.invokeExact(attr, none), "posix_spawnattr_setsigmask");
                check((int) setSigDefault.invokeExact(attr, all), "posix_spawnattr_setsigdefault");
                check((int) setFlags.invokeExact(attr, (short) (POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)),
                        "posix_spawnattr_setflags");
                MemorySegment pid = arena.allocate(JAVA_INT);
                int rc = (int) posixSpawn.invokeExact(pid, arena.allocateFrom(program.toString()), actions, attr,
                        strings(arena, argv), strings(arena, env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
                if (rc != 0) throw new IOException("cannot run '" + argv.getFirst() + "': " + describe(rc));
                return pid.get(JAVA_INT, 0);
            } finally {
                release(actionsDestroy, actions);
                release(attrDestroy, attr);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("starting '" + argv.getFirst() + "' failed: " + t, t);
        }
    }

    /** Waits for the process to end and reaps it; returns its wait status (exit code or signal, see waitpid(2)). */
    int waitFor(long pid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(JAVA_INT);
            MemorySegment state = arena.allocate(callState);
            while (true) {
                int rc = (int) waitpid.invokeExact(state, Math.toIntExact(pid), status, 0);
                if (rc == pid) break;
                int err = (int) errno.get(state, 0L);
                if (rc == -1 && err == EINTR) continue;
                throw new IllegalStateException("waitpid(" + pid + ") failed: " + describe(err));
            }
            return status.get(JAVA_INT, 0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("waitpid(" + pid + ") failed: " + t, t);
        }
    }

    /** Frees what an init call allocated inside the opaque structure; nothing to report if that fails. */
    private static void release(MethodHandle destroy, MemorySegment structure) throws Throwable {
        int ignored = (int) destroy.invokeExact(structure);
    }

    private static MemorySegment strings(Arena arena, List<String> values) {
        MemorySegment array = arena.allocate(ADDRESS, values.size() + 1L);
        for (int i = 0; i < values.size(); i++) array.setAtIndex(ADDRESS, i, arena.allocateFrom(values.get(i)));
        array.setAtIndex(ADDRESS, values.size(), MemorySegment.NULL);
        return array;
    }

    private void check(int rc, String what) throws IOException {
        if (rc != 0) throw new IOException(what + " failed: " + describe(rc));
    }

    private String describe(int errorNumber) {
        try {
            MemorySegment text = (MemorySegment) strerror.invokeExact(errorNumber);
            return text.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "error " + errorNumber;
        }
    }
}
