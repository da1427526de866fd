package dev.fastgpu.agent.exec;

import java.util.concurrent.CompletableFuture;

/**
 * A job's main process, however it was started: by {@link NativeSpawn} (already leading its own
 * process group) or by {@link ProcessBuilder} through the {@code setsid} program.
 */
sealed interface JobProcess {
    long pid();

    /** Completes with the exit value once the process ended and was reaped: its exit code, or 128 + the killing signal. */
    CompletableFuture<Integer> exit();

    default boolean isAlive() {
        return !exit().isDone();
    }

    /** Signals the main process alone (SIGTERM, or SIGKILL when {@code force}), for the moment before it leads its group. */
    void signalAlone(boolean force);

    /** Started by {@link NativeSpawn}; a thread of its own waits for it and reaps it. */
    record Spawned(long pid, CompletableFuture<Integer> exit) implements JobProcess {
        static Spawned watch(NativeSpawn spawn, long pid) {
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            Thread.ofPlatform().daemon().name("job-wait-" + pid).stackSize(256 * 1024).start(() -> {
                try {
                    exit.complete(spawn.waitFor(pid));
                } catch (RuntimeException | Error e) {
                    exit.completeExceptionally(e);
                }
            });
            return new Spawned(pid, exit);
        }

        @Override
        public void signalAlone(boolean force) {
            if (isAlive()) LibcKill.kill(pid, force ? 9 : 15);
        }
    }

    /** Started by {@link ProcessBuilder}; the JDK waits for it. */
    record Forked(Process process, CompletableFuture<Integer> exit) implements JobProcess {
        Forked(Process process) {
            this(process, process.onExit().thenApply(Process::exitValue));
        }

        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public void signalAlone(boolean force) {
            if (force) process.destroyForcibly();
            else process.destroy();
        }
    }
}
