-- The Sync History: one row per (store, entity, ERP id). Its status is also the process step's checkpoint:
-- the process reader re-queries what is still PREPARED/FAILED, so a restarted run resumes exactly where the
-- last committed chunk left off without trusting a saved reader position.
CREATE TABLE sync_record (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    store            VARCHAR(64)   NOT NULL,
    entity           VARCHAR(64)   NOT NULL,
    erp_id           VARCHAR(128)  NOT NULL,
    erp_description  VARCHAR(255),
    external_id      VARCHAR(128),
    status           VARCHAR(16)   NOT NULL,
    last_operation   VARCHAR(32),
    source_hash      CHAR(32)      NOT NULL,
    attempts         INT           NOT NULL DEFAULT 0,
    last_error       VARCHAR(2000),
    prepared_at      DATETIME(3)  NULL,
    last_attempt_at  DATETIME(3)  NULL,
    job_execution_id BIGINT,
    CONSTRAINT sync_record_key UNIQUE (store, entity, erp_id)
);

CREATE INDEX sync_record_backlog ON sync_record (store, entity, status, erp_id);

-- Where the next incremental prepare starts. Moved only by the last step of a job that completed, so a
-- failed or killed run is caught up by its restart or by the next run.
CREATE TABLE sync_watermark (
    store            VARCHAR(64)  NOT NULL,
    entity           VARCHAR(64)  NOT NULL,
    changed_since    DATETIME(6)  NOT NULL,
    job_execution_id BIGINT       NOT NULL,
    updated_at       DATETIME(3)  NOT NULL,
    PRIMARY KEY (store, entity)
);
