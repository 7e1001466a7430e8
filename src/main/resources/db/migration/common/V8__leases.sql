-- A run's lease: the process holding a store/entity's lock renews it while it runs, in the sync database's own
-- clock (LOCALTIMESTAMP), so hosts whose clocks disagree still agree on whether a lease has expired. A lock whose
-- lease expired belongs to a process that died: its execution is recovered automatically and the lock freed.
-- Rows from before this migration have no lease and count as expired.
ALTER TABLE sync_run_lock ADD COLUMN lease_expires_at DATETIME(3) NULL;
ALTER TABLE sync_run_lock ADD COLUMN renewed_at DATETIME(3) NULL;
ALTER TABLE sync_run_lock ADD COLUMN holder VARCHAR(255) NULL;
