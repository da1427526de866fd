package dev.fastgpu.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.fastgpu.model.JobState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobStateMachineTest {

    @Test
    void the_happy_path_is_allowed() {
        JobState s = QUEUED;
        for (JobState next : new JobState[]{SCHEDULED, STARTING, RUNNING, SUCCEEDED}) {
            s = JobStateMachine.transition(s, next);
        }
        assertThat(s).isEqualTo(SUCCEEDED);
    }

    @ParameterizedTest
    @EnumSource(value = JobState.class, names = {"SUCCEEDED", "FAILED", "CANCELLED"})
    void terminal_states_are_never_left(JobState terminal) {
        assertThat(terminal.isTerminal()).isTrue();
        for (JobState to : JobState.values()) {
            assertThat(JobStateMachine.canTransition(terminal, to)).as(terminal + " -> " + to).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(value = JobState.class, names = {"PREEMPTED", "LOST"})
    void preempted_and_lost_jobs_go_back_to_the_queue_or_fail(JobState s) {
        assertThat(JobStateMachine.allowedFrom(s)).contains(QUEUED, FAILED);
    }

    @Test
    void every_non_terminal_state_can_be_cancelled() {
        for (JobState s : JobState.values()) {
            if (!s.isTerminal()) assertThat(JobStateMachine.canTransition(s, CANCELLED)).as(s.name()).isTrue();
        }
    }

    @Test
    void an_illegal_transition_throws_with_both_states_named() {
        assertThatThrownBy(() -> JobStateMachine.transition(QUEUED, RUNNING))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("a job cannot go from QUEUED to RUNNING");
        assertThatThrownBy(() -> JobStateMachine.transition(SUCCEEDED, QUEUED))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void only_placed_states_hold_resources() {
        assertThat(java.util.Arrays.stream(JobState.values()).filter(JobState::holdsResources))
                .containsExactlyInAnyOrder(SCHEDULED, STARTING, RUNNING);
    }
}
