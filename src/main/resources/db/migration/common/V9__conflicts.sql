-- The conflicts of bidirectional entities: both the ERP and the store changed a record since it was last synced,
-- the primary system's version was written to the other side, and the values it replaced there are kept here, one
-- row per conflict, so that nothing is overwritten silently. Written in the chunk transaction of the outcome.
CREATE TABLE sync_conflict (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    store            VARCHAR(64)   NOT NULL,
    entity           VARCHAR(64)   NOT NULL,
    erp_id           VARCHAR(128),
    external_id      VARCHAR(128),
    winner           VARCHAR(8)    NOT NULL,
    replaced         VARCHAR(4000) NOT NULL,
    detected_at      DATETIME(3)   NOT NULL,
    job_execution_id BIGINT
);
CREATE INDEX sync_conflict_record ON sync_conflict (store, entity, erp_id);
