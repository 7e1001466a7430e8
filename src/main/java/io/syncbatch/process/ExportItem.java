package io.syncbatch.process;

import io.syncbatch.source.ErpRow;
import io.syncbatch.state.SyncRecord;

/** A record waiting to be processed with its current ERP row; {@code row} is null when the query no longer selects it. */
public record ExportItem(SyncRecord record, ErpRow row) {
}
