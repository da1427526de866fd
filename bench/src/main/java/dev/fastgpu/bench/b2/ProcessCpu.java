package dev.fastgpu.bench.b2;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of a Linux process from /proc/PID/stat: its own, and that of the children it has reaped (the jobs). */
record ProcessCpu(double ownSeconds, double childSeconds) {
    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    /** Null when the pid is 0 or /proc is not there. */
    static ProcessCpu of(long pid) {
        if (pid <= 0) return null;
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // f[0] is field 3 (state)
            return new ProcessCpu((Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND,
                    (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
