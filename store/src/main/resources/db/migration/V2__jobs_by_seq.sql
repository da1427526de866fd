-- FastGPU schema, version 2: fewer index entries per submitted job.
--
-- * The jobs table is keyed by seq, its submission order: in SQLite an INTEGER PRIMARY KEY is the
--   table's own 64-bit row key, so seq no longer needs an index of its own, and new jobs append at
--   the end of the table. id stays unique (lookups and upserts use it).
-- * The idempotency index holds only jobs that have a key (a partial index); before, every job had
--   an entry with a NULL key.
--
-- A job insert touched seven B-trees and now touches five; a 16-job commit writes about 15 pages to
-- the write-ahead log instead of 20. Portability: PostgreSQL takes the same statements, but there
-- INTEGER is 32 bits, so a PostgreSQL migration set declares seq BIGINT.

CREATE TABLE jobs_v2 (
    seq                INTEGER PRIMARY KEY,
    id                 VARCHAR(64) NOT NULL UNIQUE,
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

INSERT INTO jobs_v2 (seq, id, name, user_name, project, state, gpus, milli_per_gpu, gpu_models, min_gpu_memory_mib,
                     cpu_milli, memory_mib, node_labels, priority, preemptible, max_retries, attempt, spec_json, spec_hash,
                     idempotency_key, reason_code, reason_message, submitted_at, started_at, finished_at, exit_code,
                     exit_signal, estimated_seconds, version)
SELECT seq, id, name, user_name, project, state, gpus, milli_per_gpu, gpu_models, min_gpu_memory_mib,
       cpu_milli, memory_mib, node_labels, priority, preemptible, max_retries, attempt, spec_json, spec_hash,
       idempotency_key, reason_code, reason_message, submitted_at, started_at, finished_at, exit_code,
       exit_signal, estimated_seconds, version
FROM jobs;

DROP TABLE jobs;
ALTER TABLE jobs_v2 RENAME TO jobs;

CREATE UNIQUE INDEX jobs_idempotency ON jobs (user_name, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX jobs_state ON jobs (state, seq);
