-- The process step works oldest change first (the ERP's change time, then the ERP id), as a sync must run
-- "from the very beginning"; records prepared before this column existed count as oldest.
ALTER TABLE sync_record ADD COLUMN changed_at DATETIME(6) NOT NULL DEFAULT '1970-01-01 00:00:00';
DROP INDEX sync_record_backlog ON sync_record;
CREATE INDEX sync_record_backlog ON sync_record (store, entity, status, changed_at, erp_id);
