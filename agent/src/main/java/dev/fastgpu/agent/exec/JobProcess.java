package dev.fastgpu.agent.exec;

import dev.fastgpu.model.Signals;

import java.util.concurrent.CompletableFuture;

/**
 * A job's main process, however it was started: by {@link NativeSpawn} (already leading its own
 * process group) or by {@link ProcessBuilder} through the {@code setsid} program.
 */
sealed interface JobProcess {
    long pid();

    /** Completes once the process ended and was reaped: with its exit code, or the signal that killed it. */
    CompletableFuture<ExitStatus> exit();

    /** How a process ended: exactly one of the two is set. */
    record ExitStatus(Integer code, Integer signal) {
        /** From a wait status as waitpid(2) reports it: exact. */
        static ExitStatus ofWaitStatus(int status) {
            int termSignal = status & 0x7f;
            return termSignal == 0 ? new ExitStatus((status >> 8) & 0xff, null) : new ExitStatus(null, termSignal);
        }

        /**
         * From {@link Process#exitValue()}, which gives "killed by signal N" as 128+N, like a shell: a
         * program that itself exits with 129..192 is read as killed by a signal (only where jobs are
         * started through {@link ProcessBuilder}).
         */
        static ExitStatus ofExitValue(int exitValue) {
            Integer signal = Signals.ofExitValue(exitValue);
            return signal == null ? new ExitStatus(exitValue, null) : new ExitStatus(null, signal);
        }
    }

    default boolean isAlive() {
        return !exit().isDone();
    }

    /** Signals the main process alone (SIGTERM, or SIGKILL when {@code force}), for the moment before it leads its group. */
    void signalAlone(boolean force);

    /** Started by {@link NativeSpawn}; a thread of its own waits for it and reaps it. */
    record Spawned(long pid, CompletableFuture<ExitStatus> exit) implements JobProcess {
        static Spawned watch(NativeSpawn spawn, long pid) {
            CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
            Thread.ofPlatform().daemon().name("job-wait-" + pid).stackSize(256 * 1024).start(() -> {
                try {
                    exit.complete(ExitStatus.ofWaitStatus(spawn.waitFor(pid)));
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
    record Forked(Process process, CompletableFuture<ExitStatus> exit) implements JobProcess {
        Forked(Process process) {
            this(process, process.onExit().thenApply(p -> ExitStatus.ofExitValue(p.exitValue())));
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
