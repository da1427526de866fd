package dev.fastgpu.server.http;

import dev.fastgpu.api.AllocationView;
import dev.fastgpu.api.JobSpec;
import dev.fastgpu.api.JobView;
import dev.fastgpu.api.Json;
import dev.fastgpu.api.ReasonView;
import dev.fastgpu.api.UsageView;
import dev.fastgpu.model.JobState;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static dev.fastgpu.server.json.RandomText.maybe;
import static dev.fastgpu.server.json.RandomText.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written answer to a submission is byte for byte what Jackson writes, on random views:
 * every field null or not, text with quotes, backslashes and control characters, odd doubles and
 * instants; and it hands views it cannot write plainly (text outside ASCII, doubles that are not
 * finite) back to Jackson instead of writing them differently.
 */
class JobJsonTest {
    private static final double[] DOUBLES = {0.0, -0.0, 2.5, 1e-4, 0.1 + 0.2, 1e21, 123456789.125, Double.MIN_VALUE, Double.MAX_VALUE};

    @Test
    void random_views_come_out_as_jackson_writes_them_or_are_left_to_jackson() throws Exception {
        int plain = 0, leftToJackson = 0;
        for (long seed = 0; seed < 3_000; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            JobSpec spec = r.nextBoolean() ? null : JobSpec.of(1 + r.nextInt(8), "python", "train.py", text(r, 12, false));
            String specJson = Json.strict().writeValueAsString(spec == null ? JobSpec.of(1, "true") : spec);
            boolean odd = r.nextInt(8) == 0; // this view gets text outside ASCII or a double that is not finite
            JobView v = view(r, spec, odd);

            byte[] fast = JobJson.write(v, specJson);
            String jackson = new String(Reply.jackson(v, specJson), StandardCharsets.UTF_8);
            if (fast == null) {
                leftToJackson++;
                assertThat(odd).as("seed %d: a plain view was left to Jackson: %s", seed, jackson).isTrue();
            } else {
                plain++;
                assertThat(new String(fast, StandardCharsets.US_ASCII)).as("seed %d", seed).isEqualTo(jackson);
            }
            assertThat(new String(Reply.jobBytes(v, specJson), StandardCharsets.UTF_8)).as("seed %d", seed).isEqualTo(jackson);
        }
        assertThat(plain).isGreaterThan(2_000);
        assertThat(leftToJackson).isGreaterThan(100);
    }

    @Test
    void a_fresh_submission_answer_is_written_by_hand() {
        JobSpec spec = JobSpec.of(2, "python", "train.py");
        String specJson = "{\"marker\":1}";
        JobView v = ReplyTest.view(spec);
        assertThat(JobJson.write(v, specJson)).isNotNull();
        assertThat(new String(Reply.jobBytes(v, specJson), StandardCharsets.US_ASCII))
                .isEqualTo(new String(Reply.jackson(v, specJson), StandardCharsets.UTF_8))
                .contains("\"spec\":{\"marker\":1}");
    }

    private static JobView view(SplittableRandom r, JobSpec spec, boolean odd) {
        int oddField = odd ? r.nextInt(6) : -1;
        List<AllocationView> allocations = null;
        if (r.nextInt(4) != 0) {
            allocations = new ArrayList<>();
            for (int i = r.nextInt(3); i > 0; i--) {
                List<Integer> gpus = r.nextInt(5) == 0 ? null : List.of(r.nextInt(8), r.nextInt(8));
                allocations.add(new AllocationView(maybe(r, 12, oddField == 3), maybe(r, 12, false), gpus, maybe(r, 12, false),
                        r.nextInt(1001), maybe(r, 12, false), instant(r), instant(r)));
            }
        }
        UsageView usage = r.nextInt(5) == 0 ? null : new UsageView(number(r, oddField == 4), number(r, false), number(r, false),
                number(r, false), r.nextBoolean() ? null : number(r, oddField == 5), r.nextBoolean() ? null : r.nextLong(),
                r.nextBoolean() ? null : number(r, false), r.nextBoolean() ? null : number(r, false));
        JobState[] states = JobState.values();
        return new JobView(text(r, 12, oddField == 0), maybe(r, 12, oddField == 1), maybe(r, 12, false), maybe(r, 12, false),
                r.nextInt(6) == 0 ? null : states[r.nextInt(states.length)], spec,
                r.nextBoolean() ? null : new ReasonView(maybe(r, 12, oddField == 2), maybe(r, 12, false)),
                r.nextBoolean() ? null : r.nextInt() % 1000, r.nextInt(), instant(r), instant(r), instant(r),
                r.nextBoolean() ? null : r.nextInt(), maybe(r, 12, false), allocations, usage);
    }

    private static double number(SplittableRandom r, boolean odd) {
        if (odd) return r.nextBoolean() ? Double.NaN : Double.NEGATIVE_INFINITY;
        return r.nextBoolean() ? DOUBLES[r.nextInt(DOUBLES.length)] : r.nextDouble() * Math.pow(10, r.nextInt(12) - 4);
    }

    private static Instant instant(SplittableRandom r) {
        if (r.nextInt(3) == 0) return null;
        long second = 1_700_000_000L + r.nextInt(200_000_000);
        int nanos = switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> r.nextInt(1000) * 1_000_000;
            case 2 -> r.nextInt(1_000_000) * 1_000;
            default -> r.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(second, nanos);
    }
}
