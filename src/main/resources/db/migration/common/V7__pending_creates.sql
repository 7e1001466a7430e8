-- What a create request is about to send, committed before the request leaves: the natural key as sent
-- (an email, a sku). When the answer is lost with the process, the restart looks the record up by this,
-- whatever the ERP says now. A row goes when the outcome of its record is committed.
CREATE TABLE sync_pending_create (
    scope_id    INT          NOT NULL,
    source_key  VARCHAR(128) NOT NULL,
    natural_key MEDIUMTEXT   NOT NULL,
    sent_at     DATETIME(3)  NOT NULL,
    PRIMARY KEY (scope_id, source_key)
);
