package io.syncbatch.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.syncbatch.definition.Definitions;
import io.syncbatch.definition.ImportSpec;
import io.syncbatch.definition.SyncDirection;
import io.syncbatch.erp.ErpSource;
import io.syncbatch.erpwrite.ErpRecordRefusedException;
import io.syncbatch.erpwrite.ErpRecordWriter;
import io.syncbatch.erpwrite.ErpWrite;
import io.syncbatch.erpwrite.ImportedRecord;
import io.syncbatch.history.LastOperation;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncRecordRepository;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.record.SourceRecord;

/**
 * The writes of a chunk that go to the ERP: each record in an ERP transaction of its own,
 * through {@link ErpRecordWriter}, which finds the ERP record a store record was written
 * to before (by the ERP's own binding, or the sync history's) and updates it rather than
 * making a second one. Inside that transaction the entity's generic inquiry reads the
 * record back, so the fingerprint an export later compares is that of exactly this write.
 */
@Component
class ErpWriting {

	private final ErpRecordWriter writer;

	private final SyncRecordRepository records;

	/** The generic inquiry over the write pool, so that it reads inside the write. */
	private final ErpSource inWrite;

	ErpWriting(ErpRecordWriter writer, SyncRecordRepository records) {
		this.writer = writer;
		this.records = records;
		this.inWrite = new ErpSource(writer.dataSource());
	}

	Map<String, Decision.Outcome> write(SyncContext context, List<Decision> toWrite) {
		Map<String, Decision.Outcome> outcomes = new LinkedHashMap<>();
		for (Decision decision : toWrite) {
			outcomes.put(decision.item().waiting().key(), write(context, decision));
		}
		return outcomes;
	}

	private Decision.Outcome write(SyncContext context, Decision decision) {
		ImportSpec importing = context.definition().importSpec();
		SyncItem item = decision.item();
		SyncRecord binding = item.waiting().binding();
		// The store's record: what an import reads, or, for an export whose store side
		// won a conflict, what the export's record is bound to.
		SourceRecord inStore = Objects.requireNonNull(
				context.direction() == SyncDirection.IMPORT ? item.current() : item.other(),
				"a record written to the ERP comes from the store");
		ImportedRecord record = new ImportedRecord(context.store(), context.entity(), inStore.key(),
				inStore.description() == null ? inStore.key() : inStore.description(), companyId(context),
				Objects.requireNonNull(decision.payload()), importing.storeKeyOf(inStore.fields()),
				binding == null ? null : binding.erpId(), Set.copyOf(importing.insertOnly()));
		ErpWrite written;
		try {
			written = writer.write(importing.erpTarget(), record, new ErpRecordWriter.Hooks() {

				@Override
				public @Nullable Object readBack(String localId) {
					return inWrite.rowsByKey(context.definition(), List.of(localId), context.queryParameters())
						.get(localId);
				}

				@Override
				public @Nullable String boundInHistory(String localId) {
					SyncRecord bound = records.byErpIds(context.store(), context.entity(), List.of(localId))
						.get(localId);
					return bound == null ? null : bound.externalId();
				}

			});
		}
		catch (ErpRecordRefusedException refused) {
			return Decision.Outcome.of(SyncStatus.FAILED, Objects.requireNonNull(refused.getMessage()));
		}
		LastOperation operation = written.operation();
		if (written.found() == ErpWrite.Found.BOUND_IN_ERP && (binding == null || binding.erpId() == null)) {
			// The history knew no ERP record for it, yet the ERP had made one for it: an
			// attempt whose outcome was lost with its process inserted it.
			operation = LastOperation.INSERTED_LOCALLY;
		}
		Conflict conflict = decision.conflict();
		if (conflict != null) {
			conflict = conflict.replacing(Replaced.inErp(written.replaced()));
		}
		return Decision.Outcome.imported(written.localId(), operation, (SourceRecord) written.readBack(), conflict,
				conflict == null ? null : conflict.reason(context.entity()));
	}

	/** The ERP company the definition's query reads, which its imports write into. */
	private static int companyId(SyncContext context) {
		@Nullable Object company = context.queryParameters().get(Definitions.COMPANY);
		if (!(company instanceof Integer id)) {
			throw new IllegalStateException(context.definition().origin() + ": source.parameters." + Definitions.COMPANY
					+ " must be a whole number to import, got " + company);
		}
		return id;
	}

}
