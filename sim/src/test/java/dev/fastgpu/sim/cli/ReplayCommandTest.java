package dev.fastgpu.sim.cli;

import dev.fastgpu.sim.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayCommandTest {

    private static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        try {
            int rc = new CommandLine(new SimCommand()).execute(args);
            assertThat(rc).as("exit code").isZero();
        } finally {
            System.setOut(old);
        }
        return out.toString();
    }

    @Test
    void prints_one_json_object_per_policy_with_the_required_keys(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("jobs.csv");
        String out = run("replay", "--trace", Fixtures.fixture("philly_small.csv").toString(), "--nodes", "2",
                "--policy", "fifo,learned", "--json", "--csv", csv.toString(), "--report", dir.resolve("report").toString());

        String[] lines = out.strip().split("\n");
        assertThat(lines).hasSize(2);
        for (String key : new String[]{"jobs", "policy", "placement", "nodes", "gpus", "avg_jct_s", "p50_jct_s", "p95_jct_s",
                "p99_jct_s", "avg_queue_s", "p50_queue_s", "p99_queue_s", "avg_slowdown", "makespan_s", "utilisation",
                "preemptions", "wall_ms"}) {
            assertThat(lines[0]).contains("\"" + key + "\":");
        }
        assertThat(lines[0]).contains("\"policy\":\"fifo\"").contains("\"jobs\":3");
        assertThat(Files.readAllLines(csv)).hasSize(1 + 6);
        assertThat(Files.readString(dir.resolve("report/index.html"))).contains("<svg").contains("JCT CDF").contains("learned");
    }

    @Test
    void replays_per_vc_partitions() {
        String out = run("replay", "--trace", Fixtures.fixture("philly_small.csv").toString(), "--partition-by", "cluster",
                "--partition-sizes", Fixtures.fixture("vc_sizes.csv").toString(), "--gpus-per-node", "8", "--json");

        assertThat(out).contains("\"nodes\":3").contains("\"gpus\":24").contains("\"jobs\":3");
    }

    @Test
    void an_unknown_policy_is_refused_with_the_list_of_policies() {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        int rc;
        try {
            rc = new CommandLine(new SimCommand()).execute("replay", "--trace", Fixtures.fixture("philly_small.csv").toString(), "--policy", "magic");
        } finally {
            System.setErr(oldErr);
        }
        assertThat(rc).isNotZero();
        assertThat(err.toString()).contains("unknown policy 'magic'").contains("sjf-oracle-backfill");
    }

    @Test
    void output_paths_that_cannot_be_written_are_refused_before_the_replay(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a-file"), "x");
        String trace = Fixtures.fixture("philly_small.csv").toString();
        assertThat(refused("replay", "--trace", trace, "--csv", dir.resolve("missing/jobs.csv").toString()))
                .contains("--csv").contains("does not exist").doesNotContain("avg JCT");
        assertThat(refused("replay", "--trace", trace, "--csv", dir.toString())).contains("is a directory");
        assertThat(refused("replay", "--trace", trace, "--report", dir.resolve("a-file/report").toString()))
                .contains("--report").contains("cannot create the directory");
    }

    /** Runs a command that must fail; returns what it printed on both streams. */
    private static String refused(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(both, true);
        System.setOut(p);
        System.setErr(p);
        int rc;
        try {
            CommandLine cl = new CommandLine(new SimCommand());
            rc = cl.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        assertThat(rc).as(both.toString()).isNotZero();
        return both.toString();
    }
}
