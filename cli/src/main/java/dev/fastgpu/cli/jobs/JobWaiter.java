package dev.fastgpu.cli.jobs;

import dev.fastgpu.api.JobView;
import dev.fastgpu.api.client.FastGpuClient;
import dev.fastgpu.model.JobState;

import java.io.PrintWriter;

/** Follows a job's output until it has ended and turns its end into a process exit code. */
public final class JobWaiter {
    private JobWaiter() {}

    public static JobView followToEnd(FastGpuClient client, String jobId, PrintWriter out) {
        client.followLogs(jobId, null, text -> {
            out.print(text);
            out.flush();
        });
        // The stream ends when the job is finished; if it broke off early, wait for the end here.
        JobView job = client.job(jobId);
        while (!job.state().isTerminal()) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return job;
            }
            job = client.job(jobId);
        }
        return job;
    }

    /** 0 on success; the job's own exit code when it has one; 128+N for signal N; 1 otherwise. */
    public static int exitCodeOf(JobView job) {
        if (job.state() == JobState.SUCCEEDED) return 0;
        if (job.exitCode() != null && job.exitCode() != 0) return job.exitCode();
        if (job.signal() != null) {
            java.util.OptionalInt n = dev.fastgpu.model.Signals.number(job.signal());
            if (n.isPresent()) return 128 + n.getAsInt();
        }
        return 1;
    }
}
