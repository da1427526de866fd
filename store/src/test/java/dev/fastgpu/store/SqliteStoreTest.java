package dev.fastgpu.store;

import dev.fastgpu.model.JobState;
import dev.fastgpu.store.jdbc.JdbcStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteStoreTest extends StoreContractTest {
    @TempDir
    Path dir;

    @Override
    protected Store newStore() {
        return JdbcStore.sqlite(dir.resolve("state.db"));
    }

    @Test
    void the_database_runs_in_wal_mode_with_full_sync() {
        JdbcStore jdbc = (JdbcStore) store;
        assertThat(jdbc.pragma("journal_mode")).isEqualToIgnoringCase("wal");
        assertThat(jdbc.pragma("synchronous")).isEqualTo("2"); // FULL
        assertThat(jdbc.pragma("busy_timeout")).isEqualTo("5000");
    }

    @Test
    void committed_jobs_survive_reopening_the_file() {
        JobRecord j = insert("alice");
        store.commit(new Change().job(j.withState(JobState.CANCELLED, "cancelled", "by alice"), 1));
        store.close();
        store = JdbcStore.sqlite(dir.resolve("state.db"));
        assertThat(store.job(j.id()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(store.events(j.id())).hasSize(1);
        assertThat(insert("bob").seq()).isGreaterThan(j.seq());
    }
}
