package dev.fastgpu.bench.b2;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU seconds of a Linux process's threads, grouped by thread name with digits folded
 * ({@code ForkJoinPool-1-worker-3} and {@code -7} count together), from /proc/PID/task/TID/stat.
 * Threads that ended between two readings are missing from the later one, so a difference covers
 * the threads alive at both ends; the process total ({@link ProcessCpu}) covers everything.
 */
record ThreadCpu(Map<String, Double> secondsByGroup) {
    /** Empty when the pid is 0 or /proc is not there. */
    static ThreadCpu of(long pid) {
        Map<String, Double> groups = new HashMap<>();
        if (pid <= 0) return new ThreadCpu(groups);
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "N");
                    String[] f = ProcessCpu.fields(stat);
                    groups.merge(name, ProcessCpu.seconds(f[11], f[12]), Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            return new ThreadCpu(groups);
        }
        return new ThreadCpu(groups);
    }

    /** Seconds per group spent between {@code before} and this reading, largest first, as one line. */
    String since(ThreadCpu before) {
        Map<String, Double> d = new HashMap<>();
        secondsByGroup.forEach((k, v) -> {
            double delta = v - before.secondsByGroup.getOrDefault(k, 0.0);
            if (delta >= 0.01) d.put(k, delta);
        });
        StringBuilder sb = new StringBuilder();
        d.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sb.append(sb.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(LaunchBench.fmt(e.getValue())));
        return sb.toString();
    }
}
