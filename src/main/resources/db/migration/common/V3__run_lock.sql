-- At most one run per store and entity, across every process sharing this database. The row is bound to the
-- job execution that holds it; a row whose execution no longer runs is stale and can be taken over.
CREATE TABLE sync_run_lock (
    store            VARCHAR(64)  NOT NULL,
    entity           VARCHAR(64)  NOT NULL,
    owner            VARCHAR(64)  NOT NULL,
    job_execution_id BIGINT,
    acquired_at      DATETIME(3)  NOT NULL,
    PRIMARY KEY (store, entity)
);
