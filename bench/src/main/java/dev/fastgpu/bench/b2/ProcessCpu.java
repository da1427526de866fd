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
            String[] f = fields(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
            return new ProcessCpu(seconds(f[11], f[12]), seconds(f[13], f[14]));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The fields of a /proc stat line after the name in parentheses: [0] is field 3 (state), [11] utime, [12] stime. */
    static String[] fields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** Two clock-tick counts, added, in seconds. */
    static double seconds(String ticks, String moreTicks) {
        return (Long.parseLong(ticks) + Long.parseLong(moreTicks)) / TICKS_PER_SECOND;
    }
}
