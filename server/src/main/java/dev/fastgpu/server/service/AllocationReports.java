package dev.fastgpu.server.service;

import dev.fastgpu.api.agent.AllocationAck;
import dev.fastgpu.api.agent.AllocationReport;
import dev.fastgpu.api.agent.JobExited;
import dev.fastgpu.api.agent.JobStarted;
import dev.fastgpu.model.JobState;
import dev.fastgpu.store.AllocationRecord;
import dev.fastgpu.store.AllocationState;
import dev.fastgpu.store.Change;
import dev.fastgpu.store.JobRecord;
import dev.fastgpu.store.Store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies what agents report about allocations (process started, process ended) to the allocations
 * and their jobs: any number of reports in one commit, so a node that starts and ends many short
 * jobs costs one transaction per report round, not two per job. Re-read and retried as a whole when
 * a job changed meanwhile (e.g. a cancel).
 */
final class AllocationReports {
    private final Store store;

    AllocationReports(Store store) {
        this.store = store;
    }

    /** One ack per report, in order, and the jobs whose allocation ended (their log followers may finish). */
    record Outcome(List<AllocationAck> acks, List<String> endedJobs) {
    }

    Outcome apply(String nodeId, List<AllocationReport> reports, Instant now) {
        return Retry.onConflict(() -> attempt(nodeId, reports, now));
    }

    /** A job as read (its version guards the commit) and as changed so far in this batch. */
    private static final class JobSlot {
        final JobRecord read;
        JobRecord now;

        JobSlot(JobRecord read) {
            this.read = read;
            this.now = read;
        }
    }

    private Outcome attempt(String nodeId, List<AllocationReport> reports, Instant now) {
        Change change = new Change();
        Map<String, JobSlot> jobs = new HashMap<>();
        List<AllocationAck> acks = new ArrayList<>(reports.size());
        List<String> ended = new ArrayList<>();
        for (AllocationReport r : reports) {
            if (r == null || r.allocationId() == null) {
                acks.add(new AllocationAck(null, false, "a report has no allocationId"));
                continue;
            }
            Optional<AllocationRecord> found = store.allocation(r.allocationId());
            if (found.isEmpty()) {
                acks.add(new AllocationAck(r.allocationId(), false, "allocation " + r.allocationId() + " is unknown; stop its process"));
                continue;
            }
            AllocationRecord read = found.get();
            if (!read.nodeId().equals(nodeId)) {
                acks.add(new AllocationAck(r.allocationId(), false,
                        "allocation " + r.allocationId() + " belongs to node " + read.nodeId() + ", not " + nodeId));
                continue;
            }
            JobSlot job = jobs.computeIfAbsent(read.jobId(), id -> new JobSlot(store.job(id).orElseThrow()));
            AllocationRecord a = read;
            String refusal = null;
            if (r.started() != null) {
                if (a.state() != AllocationState.ACTIVE) {
                    refusal = "allocation " + a.id() + " is " + a.state() + "; stop its process";
                } else {
                    if (a.startedAt() == null) a = a.withStartedAt(now);
                    markRunning(change, job, a, r.started(), now);
                }
            }
            if (r.exited() != null) {
                if (a.state() == AllocationState.RELEASED) {
                    if (refusal == null) refusal = "allocation " + a.id() + " was already released";
                } else {
                    boolean active = a.state() == AllocationState.ACTIVE;
                    a = (a.startedAt() == null ? a.withStartedAt(now) : a).withState(AllocationState.RELEASED, now);
                    if (active && job.now.state().holdsResources()) finish(change, job, a, r.exited(), now);
                    ended.add(a.jobId());
                }
            }
            if (a != read) change.allocation(a);
            acks.add(new AllocationAck(r.allocationId(), refusal == null, refusal));
        }
        store.commit(change);
        return new Outcome(acks, ended);
    }

    private static void markRunning(Change change, JobSlot job, AllocationRecord a, JobStarted report, Instant now) {
        JobState s = job.now.state();
        if (s != JobState.SCHEDULED && s != JobState.STARTING) return;
        job.now = JobTransitions.move(change, job.read, job.now, JobState.RUNNING, "started",
                "running on " + a.nodeId() + (report != null && report.pid() != null ? " as pid " + report.pid() : ""), a.nodeId(), now);
    }

    private static void finish(Change change, JobSlot job, AllocationRecord a, JobExited report, Instant now) {
        if (report.wasLost()) { // not the job's failure: as for a lost node, it runs again while retries remain
            JobRecord lost = JobTransitions.move(change, job.read, job.now, JobState.LOST, "process_lost",
                    "the agent on " + a.nodeId() + " lost its process"
                            + (report.message() == null || report.message().isBlank() ? "" : ": " + report.message()), a.nodeId(), now);
            job.now = JobTransitions.requeueOrFail(change, job.read, lost, a.nodeId(), now);
            return;
        }
        // an end whose start was never reported still passes through RUNNING, as the state machine wants
        if (job.now.state() == JobState.SCHEDULED) markRunning(change, job, a, null, now);
        boolean ok = report.exitCode() != null && report.exitCode() == 0;
        String message = ok ? "exited with code 0" : describeFailure(report);
        String code = ok ? "succeeded" : report.exitCode() == null && report.signal() == null ? "no_exit_status" : "exit_code";
        job.now = JobTransitions.move(change, job.read, job.now.withExit(report.exitCode(), report.signal()),
                ok ? JobState.SUCCEEDED : JobState.FAILED, code, message, a.nodeId(), now);
    }

    private static String describeFailure(JobExited r) {
        String what = r.signal() != null ? "killed by " + r.signal() : r.exitCode() != null ? "exited with code " + r.exitCode() : "ended";
        return what + (r.message() == null || r.message().isBlank() ? "" : ": " + r.message());
    }
}
