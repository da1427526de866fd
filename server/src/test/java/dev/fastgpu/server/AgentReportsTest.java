package dev.fastgpu.server;

import dev.fastgpu.api.JobSpec;
import dev.fastgpu.api.JobView;
import dev.fastgpu.api.agent.AllocationAck;
import dev.fastgpu.api.agent.AllocationReport;
import dev.fastgpu.api.agent.Assignment;
import dev.fastgpu.api.agent.Heartbeat;
import dev.fastgpu.api.agent.JobExited;
import dev.fastgpu.api.agent.JobStarted;
import dev.fastgpu.api.agent.ReportAcks;
import dev.fastgpu.api.agent.Reports;
import dev.fastgpu.model.JobState;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The batch report route: many starts and ends of one node's allocations in one request and one commit. */
class AgentReportsTest extends ServerPerTest {

    @Test
    void eight_short_jobs_start_and_end_in_one_report_committed_once_with_one_ack_each() throws Exception {
        TestServers.Agent agent = TestServers.join(server, "gpu-box", 8, "H100");
        List<JobView> jobs = new ArrayList<>();
        for (int i = 0; i < 8; i++) jobs.add(admin.submit(JobSpec.of(1, "true")));
        List<Assignment> assigned = SchedulingTest.waitForAssignments(agent, 8).assignments();

        List<AllocationReport> items = new ArrayList<>();
        for (int i = 0; i < assigned.size(); i++) {
            Assignment a = assigned.get(i);
            JobStarted started = i == 7 ? null : new JobStarted(100L + i, Instant.now()); // the last one's start was never reported
            items.add(new AllocationReport(a.allocationId(), started, new JobExited(i == 0 ? 3 : 0, null, null, Instant.now())));
        }
        items.add(new AllocationReport("a-unknown", new JobStarted(1L, null), null));
        agent.client().heartbeat(new Heartbeat(agent.nodeId(), List.of(), null)); // fresh, so no node timeout writes meanwhile
        long commitsBefore = commits();

        ReportAcks acks = agent.client().report(agent.nodeId(), new Reports(items));

        assertThat(commits() - commitsBefore).isEqualTo(1);
        assertThat(acks.items()).hasSize(9);
        assertThat(acks.items().subList(0, 8)).allMatch(AllocationAck::accepted);
        assertThat(acks.items().getLast().accepted()).isFalse();
        assertThat(acks.items().getLast().message()).contains("unknown");
        for (int i = 0; i < 8; i++) {
            Assignment a = assigned.get(i);
            JobView j = admin.job(a.jobId());
            assertThat(j.state()).isEqualTo(i == 0 ? JobState.FAILED : JobState.SUCCEEDED);
            assertThat(admin.events(a.jobId()).items()).extracting(e -> e.to())
                    .containsExactly(JobState.QUEUED, JobState.SCHEDULED, JobState.RUNNING, i == 0 ? JobState.FAILED : JobState.SUCCEEDED);
        }
        assertThat(admin.node(agent.nodeId()).gpus()).allMatch(g -> g.allocatedMilli() == 0);
        // the same report again changes nothing and says the allocations are gone
        ReportAcks again = agent.client().report(agent.nodeId(), new Reports(items.subList(1, 2)));
        assertThat(again.items().getFirst().accepted()).isFalse();
        String resent = assigned.get(1).jobId();
        assertThat(admin.job(resent).state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(admin.events(resent).items()).hasSize(4); // no second end recorded
        assertThat(jobs).extracting(JobView::id).containsExactlyInAnyOrderElementsOf(assigned.stream().map(Assignment::jobId).toList());
    }

    private long commits() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics"))
                .header("Authorization", "Bearer " + server.adminToken()).build(), HttpResponse.BodyHandlers.ofString());
        return r.body().lines().filter(l -> l.startsWith("fastgpu_store_commits_total"))
                .map(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElseThrow();
    }
}
