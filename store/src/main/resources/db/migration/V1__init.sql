-- FastGPU schema, version 1. Portable SQL: runs unchanged on SQLite and PostgreSQL.
-- Times are epoch milliseconds (BIGINT); booleans are INTEGER 0/1; lists are encoded text (see Codec).

CREATE TABLE counters (
    name       VARCHAR(64) PRIMARY KEY,
    next_value BIGINT NOT NULL
);
INSERT INTO counters (name, next_value) VALUES ('job', 0);
INSERT INTO counters (name, next_value) VALUES ('log', 0);

CREATE TABLE users (
    name       VARCHAR(200) PRIMARY KEY,
    created_at BIGINT NOT NULL
);

CREATE TABLE projects (
    name       VARCHAR(200) PRIMARY KEY,
    created_at BIGINT NOT NULL
);

CREATE TABLE tokens (
    hash       VARCHAR(64) PRIMARY KEY,
    kind       VARCHAR(16) NOT NULL,
    user_name  VARCHAR(200) NOT NULL,
    node_id    VARCHAR(200),
    created_at BIGINT NOT NULL
);

CREATE TABLE jobs (
    id                 VARCHAR(64) PRIMARY KEY,
    seq                BIGINT NOT NULL UNIQUE,
    name               VARCHAR(500) NOT NULL,
    user_name          VARCHAR(200) NOT NULL,
    project            VARCHAR(200) NOT NULL,
    state              VARCHAR(16) NOT NULL,
    gpus               INTEGER NOT NULL,
    milli_per_gpu      INTEGER NOT NULL,
    gpu_models         TEXT NOT NULL,
    min_gpu_memory_mib BIGINT NOT NULL,
    cpu_milli          BIGINT NOT NULL,
    memory_mib         BIGINT NOT NULL,
    node_labels        TEXT NOT NULL,
    priority           INTEGER NOT NULL,
    preemptible        INTEGER NOT NULL,
    max_retries        INTEGER NOT NULL,
    attempt            INTEGER NOT NULL,
    spec_json          TEXT NOT NULL,
    spec_hash          VARCHAR(64) NOT NULL,
    idempotency_key    VARCHAR(200),
    reason_code        VARCHAR(100),
    reason_message     TEXT,
    submitted_at       BIGINT NOT NULL,
    started_at         BIGINT,
    finished_at        BIGINT,
    exit_code          INTEGER,
    exit_signal        VARCHAR(32),
    estimated_seconds  BIGINT,
    version            BIGINT NOT NULL
);
-- NULL keys are distinct in both databases, so jobs without a key never collide.
CREATE UNIQUE INDEX jobs_idempotency ON jobs (user_name, idempotency_key);
CREATE INDEX jobs_state ON jobs (state, seq);

CREATE TABLE job_events (
    job_id     VARCHAR(64) NOT NULL,
    seq        BIGINT NOT NULL,
    at         BIGINT NOT NULL,
    from_state VARCHAR(16),
    to_state   VARCHAR(16) NOT NULL,
    code       VARCHAR(100),
    message    TEXT,
    node_id    VARCHAR(200),
    PRIMARY KEY (job_id, seq)
);

CREATE TABLE allocations (
    id            VARCHAR(64) PRIMARY KEY,
    job_id        VARCHAR(64) NOT NULL,
    node_id       VARCHAR(200) NOT NULL,
    attempt       INTEGER NOT NULL,
    gpu_indices   TEXT NOT NULL,
    gpu_model     VARCHAR(100),
    milli_per_gpu INTEGER NOT NULL,
    cpu_milli     BIGINT NOT NULL,
    memory_mib    BIGINT NOT NULL,
    state         VARCHAR(16) NOT NULL,
    created_at    BIGINT NOT NULL,
    started_at    BIGINT,
    released_at   BIGINT
);
CREATE INDEX allocations_job ON allocations (job_id);
CREATE INDEX allocations_state ON allocations (state);

CREATE TABLE nodes (
    id                VARCHAR(200) PRIMARY KEY,
    hostname          VARCHAR(500) NOT NULL,
    state             VARCHAR(16) NOT NULL,
    drained           INTEGER NOT NULL,
    gpus              TEXT NOT NULL,
    cpu_milli         BIGINT NOT NULL,
    memory_mib        BIGINT NOT NULL,
    labels            TEXT NOT NULL,
    joined_at         BIGINT NOT NULL,
    last_heartbeat_at BIGINT
);

CREATE TABLE log_chunks (
    job_id        VARCHAR(64) NOT NULL,
    allocation_id VARCHAR(64) NOT NULL,
    seq           BIGINT NOT NULL,
    stream        VARCHAR(16) NOT NULL,
    data          TEXT NOT NULL,
    log_cursor    BIGINT NOT NULL,
    PRIMARY KEY (allocation_id, seq)
);
CREATE INDEX log_chunks_job ON log_chunks (job_id, log_cursor);

CREATE TABLE gpu_samples (
    job_id          VARCHAR(64) NOT NULL,
    allocation_id   VARCHAR(64) NOT NULL,
    at              BIGINT NOT NULL,
    gpu_index       INTEGER NOT NULL,
    util_percent    DOUBLE PRECISION NOT NULL,
    memory_used_mib BIGINT NOT NULL,
    power_watts     DOUBLE PRECISION NOT NULL
);
CREATE INDEX gpu_samples_job ON gpu_samples (job_id, at);
