-- The sync record becomes a binding between an ERP record and a store record: either id may be missing (an
-- export before its first write, an import before the ERP has the record), each is unique per store and entity,
-- and the fingerprint of each side as last synced is kept, so a change on either side is seen.
ALTER TABLE sync_record ALTER COLUMN source_hash RENAME TO erp_hash;
ALTER TABLE sync_record ALTER COLUMN erp_hash SET NULL;
ALTER TABLE sync_record ALTER COLUMN erp_id SET NULL;
ALTER TABLE sync_record ADD COLUMN store_hash CHAR(32) NULL;
ALTER TABLE sync_record ADD COLUMN last_direction VARCHAR(8) NULL;
UPDATE sync_record SET last_direction = 'export' WHERE last_attempt_at IS NOT NULL;

-- Two ERP records bound to one store record were merged; unbind all but the first, visibly, before the store id
-- becomes unique.
UPDATE sync_record r
   SET status = 'FAILED',
       last_error = CONCAT('was bound to store record ', r.external_id,
                           ' together with another ERP record; unbound so that the two are not merged'),
       external_id = NULL
 WHERE r.external_id IS NOT NULL
   AND r.id > (SELECT keep_id FROM (SELECT store, entity, external_id, MIN(id) AS keep_id FROM sync_record
                                     WHERE external_id IS NOT NULL GROUP BY store, entity, external_id) k
                WHERE k.store = r.store AND k.entity = r.entity AND k.external_id = r.external_id);
CREATE UNIQUE INDEX sync_record_external ON sync_record (store, entity, external_id);

-- What prepare found changed, waiting to be processed: one narrow row per record, so that preparing a million
-- records writes little more than their keys and fingerprints. Scopes keep store, entity and direction out of
-- every row. changed_at is the source's change time in microseconds since 1970 (read as UTC), cheaper to bind
-- than a date-time and exact on every driver.
CREATE TABLE sync_scope (
    id        INT AUTO_INCREMENT PRIMARY KEY,
    store     VARCHAR(64) NOT NULL,
    entity    VARCHAR(64) NOT NULL,
    direction VARCHAR(8)  NOT NULL,
    CONSTRAINT sync_scope_key UNIQUE (store, entity, direction)
);
CREATE TABLE sync_prepared (
    scope_id    INT          NOT NULL,
    source_key  VARCHAR(128) NOT NULL,
    fingerprint CHAR(32)     NOT NULL,
    changed_at  BIGINT       NOT NULL,
    instance_id BIGINT       NULL,
    PRIMARY KEY (scope_id, source_key)
);
CREATE INDEX sync_prepared_order ON sync_prepared (scope_id, changed_at, source_key);

INSERT INTO sync_scope (store, entity, direction) SELECT DISTINCT store, entity, 'export' FROM sync_record;
INSERT INTO sync_prepared (scope_id, source_key, fingerprint, changed_at, instance_id)
SELECT s.id, r.erp_id, r.erp_hash, TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', r.changed_at),
       r.prepared_instance_id
  FROM sync_record r JOIN sync_scope s ON s.store = r.store AND s.entity = r.entity AND s.direction = 'export'
 WHERE r.status = 'PREPARED';
-- A record prepared but never attempted has no history yet; one attempted before keeps its row until processed.
DELETE FROM sync_record WHERE status = 'PREPARED' AND last_attempt_at IS NULL;
ALTER TABLE sync_record DROP COLUMN prepared_instance_id;
ALTER TABLE sync_record DROP COLUMN prepared_at;

-- Watermarks are per direction; run locks stay per store and entity (both directions write the same bindings)
-- and say which direction holds them.
ALTER TABLE sync_watermark ADD COLUMN direction VARCHAR(8) NOT NULL DEFAULT 'export';
ALTER TABLE sync_watermark DROP PRIMARY KEY;
ALTER TABLE sync_watermark ADD PRIMARY KEY (store, entity, direction);
ALTER TABLE sync_run_lock ADD COLUMN direction VARCHAR(8) NOT NULL DEFAULT 'export';
