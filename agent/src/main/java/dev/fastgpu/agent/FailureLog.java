package dev.fastgpu.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The log lines of one thing the agent keeps retrying (a long poll, heartbeats, reports) while the
 * server is away: the first failure, then at most one line per {@code every} saying how long it has
 * been failing, and one line when it works again. A server that is down for an hour gives a few
 * hundred lines instead of one per retry (four a second for reports).
 */
final class FailureLog {
    private final String what;
    private final Duration every;
    private final Clock clock;
    private final Consumer<String> warn;
    private final Consumer<String> info;
    private int failures;
    private Instant firstAt;
    private Instant loggedAt;

    FailureLog(String what, Duration every, Clock clock, Consumer<String> warn, Consumer<String> info) {
        this.what = what;
        this.every = every;
        this.clock = clock;
        this.warn = warn;
        this.info = info;
    }

    /** For the agent's own loops: warnings and notes go to {@code log}, a repeat at most every 30 s. */
    static FailureLog of(String what, System.Logger log, Clock clock) {
        return new FailureLog(what, Duration.ofSeconds(30), clock,
                m -> log.log(System.Logger.Level.WARNING, m), m -> log.log(System.Logger.Level.INFO, m));
    }

    synchronized void failed(String message) {
        Instant now = clock.instant();
        failures++;
        if (failures == 1) {
            firstAt = now;
            loggedAt = now;
            warn.accept(what + " failed, will retry: " + message);
        } else if (!now.isBefore(loggedAt.plus(every))) {
            loggedAt = now;
            warn.accept(what + " still failing (" + failures + " tries in " + seconds(firstAt, now) + "), will retry: " + message);
        }
    }

    synchronized void succeeded() {
        if (failures == 0) return;
        info.accept(what + " works again after " + failures + " failed tries in " + seconds(firstAt, clock.instant()));
        failures = 0;
    }

    /** Failures since the last success. */
    synchronized int failures() {
        return failures;
    }

    private static String seconds(Instant from, Instant to) {
        return Duration.between(from, to).toSeconds() + " s";
    }
}
