package io.syncbatch.connector.magento;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.syncbatch.connector.OutgoingRecord;
import io.syncbatch.connector.ResourceWriter;
import io.syncbatch.connector.WritePlan;
import io.syncbatch.connector.WriteResult;
import io.syncbatch.history.LastOperation;

/**
 * A Magento resource written one record a request, as every write here is: Magento's
 * endpoints take one entity, so the engine's batches are of one and a writer only says
 * how a record is created and updated.
 */
abstract class OneRecordWriter implements ResourceWriter {

	private final WritePlan.Creation creation;

	private final List<String> naturalKey;

	/**
	 * @param naturalKey the payload fields a lookup finds a record by, which a create
	 * remembers before it is sent
	 */
	OneRecordWriter(WritePlan.Creation creation, String... naturalKey) {
		this.creation = creation;
		this.naturalKey = List.of(naturalKey);
	}

	@Override
	public final WritePlan plan() {
		return new WritePlan(creation, 1, 1);
	}

	@Override
	public final List<WriteResult> create(List<OutgoingRecord> batch) {
		List<WriteResult> results = new ArrayList<>();
		for (OutgoingRecord record : batch) {
			results.add(WriteResult.written(record.key(), created(record), LastOperation.INSERTED_EXTERNALLY));
		}
		return results;
	}

	@Override
	public final List<WriteResult> update(List<OutgoingRecord> batch) {
		List<WriteResult> results = new ArrayList<>();
		for (OutgoingRecord record : batch) {
			results.add(WriteResult.written(record.key(), updated(record), LastOperation.UPDATED_EXTERNALLY));
		}
		return results;
	}

	@Override
	public final Map<String, @Nullable Object> lookupFields(OutgoingRecord record) {
		Map<String, @Nullable Object> fields = new HashMap<>();
		naturalKey.forEach(field -> fields.put(field, record.payload().get(field)));
		return fields;
	}

	/** Creates the record; the store's id of it. */
	abstract String created(OutgoingRecord record);

	/** Updates the record, which has its store id; that id, as the store answered it. */
	abstract String updated(OutgoingRecord record);

	/** A payload field as text, empty when it has none. */
	static String text(OutgoingRecord record, String field) {
		Object value = record.payload().get(field);
		return value == null ? "" : value.toString();
	}

	/**
	 * Why a payload field cannot be the Magento id it must be (a customer's, an order's),
	 * or null when it can: an id goes into a request's path.
	 */
	static @Nullable String notAnId(OutgoingRecord record, String field, String kind) {
		return text(record, field).matches("[1-9]\\d{0,17}") ? null
				: field + " '" + text(record, field) + "' is not a Magento " + kind + " id";
	}

}
