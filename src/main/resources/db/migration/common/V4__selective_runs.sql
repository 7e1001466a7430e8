-- The job instance that last prepared a record: a selective run (batch-process filters, chosen ids) processes
-- only what it prepared itself, and keeps doing so across restarts of the same instance.
ALTER TABLE sync_record ADD COLUMN prepared_instance_id BIGINT;
