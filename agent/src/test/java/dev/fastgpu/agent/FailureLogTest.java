package dev.fastgpu.agent;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FailureLogTest {
    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-11-26T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void a_server_away_for_two_minutes_gives_one_line_at_first_one_every_half_minute_and_one_when_it_is_back() {
        HandClock clock = new HandClock();
        List<String> lines = new ArrayList<>();
        FailureLog log = new FailureLog("reporting", Duration.ofSeconds(30), clock, m -> lines.add("WARN " + m), m -> lines.add("INFO " + m));

        log.succeeded();
        assertThat(lines).as("nothing to say while it works").isEmpty();
        for (int i = 0; i < 480; i++) { // every 250 ms for 2 minutes
            log.failed("connection refused");
            clock.now = clock.now.plusMillis(250);
        }
        assertThat(log.failures()).isEqualTo(480);
        log.succeeded();
        log.succeeded();

        assertThat(lines).containsExactly(
                "WARN reporting failed, will retry: connection refused",
                "WARN reporting still failing (121 tries in 30 s), will retry: connection refused",
                "WARN reporting still failing (241 tries in 60 s), will retry: connection refused",
                "WARN reporting still failing (361 tries in 90 s), will retry: connection refused",
                "INFO reporting works again after 480 failed tries in 120 s");
        assertThat(log.failures()).isZero();

        log.failed("timeout");
        assertThat(lines.getLast()).as("a new run of failures starts over").isEqualTo("WARN reporting failed, will retry: timeout");
    }
}
