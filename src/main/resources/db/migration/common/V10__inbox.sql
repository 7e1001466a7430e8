-- The inbox of real-time messages, which is also the webhook log. Every ERP push notification row and every store
-- webhook is stored here, in its own committed transaction, before it is acknowledged: what was acknowledged
-- survives a kill. A message names a record (entity and key) and is processed by syncing that record by the same
-- job, filters, rules and history as a batch run. delivery identifies a message as its sender repeats it (the
-- notification's Query and Id with the row's key; the webhook's scope, hash and created_at): the unique index
-- lets one of them in, and a repeat is logged with status DUPLICATE, no delivery and the id it repeats.
CREATE TABLE sync_inbox (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    store            VARCHAR(64)   NOT NULL,
    source           VARCHAR(8)    NOT NULL,
    topic            VARCHAR(255)  NOT NULL,
    entity           VARCHAR(64),
    record_key       VARCHAR(128),
    delivery         VARCHAR(512),
    occurred_at      BIGINT,
    received_at      DATETIME(3)   NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    reason           VARCHAR(1000),
    duplicate_of     BIGINT,
    attempts         INT           NOT NULL DEFAULT 0,
    job_execution_id BIGINT,
    finished_at      DATETIME(3)
);
CREATE UNIQUE INDEX sync_inbox_delivery ON sync_inbox (store, source, delivery);
CREATE INDEX sync_inbox_status ON sync_inbox (status, store, id);

-- Whether a store's real-time sync runs: ACTIVE processes messages, PAUSED keeps accepting and retaining them
-- without processing them, STOPPED refuses them. A store without a row is ACTIVE. destination is where
-- initialize subscribed the store's webhooks, so that stop and activate can switch those hooks off and on.
CREATE TABLE sync_realtime (
    store       VARCHAR(64)   NOT NULL PRIMARY KEY,
    state       VARCHAR(8)    NOT NULL,
    changed_at  DATETIME(3)   NOT NULL,
    destination VARCHAR(2048)
);
