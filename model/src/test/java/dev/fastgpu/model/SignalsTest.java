package dev.fastgpu.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignalsTest {
    @Test
    void names_and_numbers_follow_linux_and_go_both_ways() {
        assertThat(Signals.name(9)).isEqualTo("SIGKILL");
        assertThat(Signals.name(15)).isEqualTo("SIGTERM");
        assertThat(Signals.name(40)).isEqualTo("SIG40");
        for (int n = 1; n <= 64; n++) assertThat(Signals.number(Signals.name(n))).hasValue(n);
        assertThat(Signals.number("SIGWHAT")).isEmpty();
        assertThat(Signals.number("SIG0")).isEmpty();
        assertThat(Signals.number(null)).isEmpty();
    }

    @Test
    void an_exit_value_above_128_reads_as_a_signal_as_the_jdk_reports_it() {
        assertThat(Signals.ofExitValue(137)).isEqualTo(9);
        assertThat(Signals.ofExitValue(128)).isNull();
        assertThat(Signals.ofExitValue(1)).isNull();
        assertThat(Signals.ofExitValue(193)).isNull();
    }
}
