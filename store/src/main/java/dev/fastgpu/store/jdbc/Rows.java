package dev.fastgpu.store.jdbc;

import dev.fastgpu.model.JobState;
import dev.fastgpu.model.NodeState;
import dev.fastgpu.model.ResourceRequest;
import dev.fastgpu.store.AllocationRecord;
import dev.fastgpu.store.AllocationState;
import dev.fastgpu.store.GpuSampleRecord;
import dev.fastgpu.store.JobEvent;
import dev.fastgpu.store.JobRecord;
import dev.fastgpu.store.LogChunkRecord;
import dev.fastgpu.store.NodeRecord;
import dev.fastgpu.store.TokenKind;
import dev.fastgpu.store.TokenRecord;

import java.sql.ResultSet;
import java.sql.SQLException;

import static dev.fastgpu.store.jdbc.Sql.instant;
import static dev.fastgpu.store.jdbc.Sql.integer;
import static dev.fastgpu.store.jdbc.Sql.longOrNull;

/** Row mappers: one per table. */
final class Rows {
    private Rows() {}

    static final String JOB_COLUMNS = "id, seq, name, user_name, project, state, gpus, milli_per_gpu, gpu_models, "
            + "min_gpu_memory_mib, cpu_milli, memory_mib, node_labels, priority, preemptible, max_retries, attempt, spec_json, "
            + "spec_hash, idempotency_key, reason_code, reason_message, submitted_at, started_at, finished_at, exit_code, "
            + "exit_signal, estimated_seconds, version";

    static Object[] jobValues(JobRecord j) {
        ResourceRequest r = j.request();
        return new Object[]{j.id(), j.seq(), j.name(), j.user(), j.project(), j.state(), r.gpus(), r.milliPerGpu(),
                Codec.strings(r.gpuModels()), r.minGpuMemoryMib(), r.cpuMilli(), r.memoryMib(), Codec.labels(r.nodeLabels()),
                j.priority(), j.preemptible(), j.maxRetries(), j.attempt(), j.specJson(), j.specHash(), j.idempotencyKey(),
                j.reasonCode(), j.reasonMessage(), j.submittedAt(), j.startedAt(), j.finishedAt(), j.exitCode(), j.signal(),
                j.estimatedSeconds(), j.version()};
    }

    static JobRecord job(ResultSet rs) throws SQLException {
        ResourceRequest r = new ResourceRequest(rs.getInt("gpus"), rs.getInt("milli_per_gpu"), Codec.strings(rs.getString("gpu_models")),
                rs.getLong("min_gpu_memory_mib"), rs.getLong("cpu_milli"), rs.getLong("memory_mib"), Codec.labels(rs.getString("node_labels")));
        return new JobRecord(rs.getString("id"), rs.getLong("seq"), rs.getString("name"), rs.getString("user_name"),
                rs.getString("project"), JobState.valueOf(rs.getString("state")), r, rs.getInt("priority"),
                rs.getInt("preemptible") != 0, rs.getInt("max_retries"), rs.getInt("attempt"), rs.getString("spec_json"),
                rs.getString("spec_hash"), rs.getString("idempotency_key"), rs.getString("reason_code"),
                rs.getString("reason_message"), instant(rs, "submitted_at"), instant(rs, "started_at"),
                instant(rs, "finished_at"), integer(rs, "exit_code"), rs.getString("exit_signal"),
                longOrNull(rs, "estimated_seconds"), rs.getLong("version"));
    }

    static JobEvent event(ResultSet rs) throws SQLException {
        String from = rs.getString("from_state");
        return new JobEvent(rs.getString("job_id"), rs.getLong("seq"), instant(rs, "at"),
                from == null ? null : JobState.valueOf(from), JobState.valueOf(rs.getString("to_state")),
                rs.getString("code"), rs.getString("message"), rs.getString("node_id"));
    }

    static AllocationRecord allocation(ResultSet rs) throws SQLException {
        return new AllocationRecord(rs.getString("id"), rs.getString("job_id"), rs.getString("node_id"), rs.getInt("attempt"),
                Codec.ints(rs.getString("gpu_indices")), rs.getString("gpu_model"), rs.getInt("milli_per_gpu"),
                rs.getLong("cpu_milli"), rs.getLong("memory_mib"), AllocationState.valueOf(rs.getString("state")),
                instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "released_at"));
    }

    static NodeRecord node(ResultSet rs) throws SQLException {
        return new NodeRecord(rs.getString("id"), rs.getString("hostname"), NodeState.valueOf(rs.getString("state")),
                rs.getInt("drained") != 0, Codec.gpus(rs.getString("gpus")), rs.getLong("cpu_milli"), rs.getLong("memory_mib"),
                Codec.labels(rs.getString("labels")), instant(rs, "joined_at"), instant(rs, "last_heartbeat_at"));
    }

    static TokenRecord token(ResultSet rs) throws SQLException {
        return new TokenRecord(rs.getString("hash"), TokenKind.valueOf(rs.getString("kind")), rs.getString("user_name"),
                rs.getString("node_id"), instant(rs, "created_at"));
    }

    static LogChunkRecord logChunk(ResultSet rs) throws SQLException {
        return new LogChunkRecord(rs.getString("job_id"), rs.getString("allocation_id"), rs.getLong("seq"),
                rs.getString("stream"), rs.getString("data"), rs.getLong("log_cursor"));
    }

    static GpuSampleRecord sample(ResultSet rs) throws SQLException {
        return new GpuSampleRecord(rs.getString("job_id"), rs.getString("allocation_id"), instant(rs, "at"),
                rs.getInt("gpu_index"), rs.getDouble("util_percent"), rs.getLong("memory_used_mib"), rs.getDouble("power_watts"));
    }
}
