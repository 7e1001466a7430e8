package io.syncbatch.storeread;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.syncbatch.connector.ResourceReader.Page;
import io.syncbatch.connector.ResourceReader.StoreDocument;
import io.syncbatch.connector.StoreConnectors;
import io.syncbatch.record.DataRecord;
import io.syncbatch.connector.StoreReads;
import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.definition.ImportSpec;
import io.syncbatch.record.Fingerprint;
import io.syncbatch.record.SourceRecord;

/**
 * The store as the source of an import, as {@link io.syncbatch.erp.ErpSource} is the ERP
 * for an export: the definition's {@code import.resource}, read through its platform with
 * retries, each document a {@link SourceRecord} keyed by its store id. Change times are
 * the store's, in UTC.
 *
 * <p>
 * A document's fingerprint covers only the fields the import reads
 * ({@link ImportSpec#readFields()}): the store changes other fields (a modification date,
 * a login count) without anything worth importing changing, and the fingerprint of a
 * document the export just wrote, taken from the store's answer, must equal the one an
 * import computes when it reads that document back.
 */
@Component
public class StoreSource {

	private final StoreReads reads;

	private final StoreConnectors stores;

	private final Fingerprint fingerprint = new Fingerprint("");

	public StoreSource(StoreReads reads, StoreConnectors stores) {
		this.reads = reads;
		this.stores = stores;
	}

	/**
	 * One page of the records changed since {@code since} (every record when null).
	 * @param cursor where the previous page ended, or null for the first page
	 */
	public StorePage changed(EntityDefinition definition, String store, @Nullable LocalDateTime since,
			@Nullable String cursor, int pageSize) {
		Page page = reads.changed(store, definition.importSpec().resource(),
				since == null ? null : since.toInstant(ZoneOffset.UTC), cursor, pageSize);
		return new StorePage(page.documents().stream().map(document -> record(definition, store, document)).toList(),
				page.next());
	}

	/** The current records of these store ids; ids the store no longer has are absent. */
	public Map<String, SourceRecord> byKeys(EntityDefinition definition, String store, Collection<String> keys) {
		Map<String, SourceRecord> records = new LinkedHashMap<>();
		reads.byIds(store, definition.importSpec().resource(), keys)
			.forEach((id, document) -> records.put(id, record(definition, store, document)));
		return records;
	}

	/**
	 * A store document as a record of the import's source, its fields named as the
	 * definition names them.
	 */
	public SourceRecord record(EntityDefinition definition, String store, StoreDocument document) {
		ImportSpec importing = definition.importSpec();
		DataRecord fields = definition.target().on(stores.platform(store)).incoming(document.fields());
		Map<String, @Nullable Object> read = new LinkedHashMap<>();
		importing.readFields().forEach(field -> read.put(field, fields.value(field)));
		return new SourceRecord(document.id(), importing.describe(fields),
				document.changedAt() == null ? null : LocalDateTime.ofInstant(document.changedAt(), ZoneOffset.UTC),
				fields, fingerprint.of(read));
	}

}
