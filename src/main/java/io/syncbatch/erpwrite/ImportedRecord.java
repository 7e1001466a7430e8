package io.syncbatch.erpwrite;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A store record mapped for the ERP, about to be written.
 *
 * @param store the store it comes from, as configured
 * @param entity its entity ({@code customer})
 * @param externalId its id in the store
 * @param description how the history names it ("Jane Doe")
 * @param companyId the ERP company (tenant) it is written to
 * @param columns ERP column → value, as the mapping rules made them; a null value clears
 * the column
 * @param storeKey the store's own number for it, kept as the ERP key when the target says
 * so; null when the store record has none
 * @param knownLocalId the ERP key the sync history binds the store record to (a record
 * that was exported to the store, or imported before), or null
 * @param insertOnly columns written only into a new ERP record ({@code insert-only}):
 * once the ERP has the record, they are the ERP's
 */
public record ImportedRecord(String store, String entity, String externalId, String description, int companyId,
		Map<String, @Nullable Object> columns, @Nullable String storeKey, @Nullable String knownLocalId,
		Set<String> insertOnly) {

	public ImportedRecord {
		// Map.copyOf refuses null values, and a null value means "clear it".
		columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
		insertOnly = Set.copyOf(insertOnly);
	}

	/** As reasons name it: "customer 17 (Jane Doe)". */
	String named() {
		return entity + " " + externalId + " (" + description + ")";
	}

}
