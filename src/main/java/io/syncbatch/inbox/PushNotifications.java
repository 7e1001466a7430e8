package io.syncbatch.inbox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.syncbatch.definition.Definitions;
import io.syncbatch.connector.StoreConnectors;
import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.definition.SyncDirection;
import io.syncbatch.definition.SyncMode;
import io.syncbatch.record.UntrustedText;
import tools.jackson.databind.JsonNode;

/**
 * Reads an Acumatica push notification ({@code {"Inserted": [rows], "Deleted": [rows],
 * "Query": "syncbatch-customer", "CompanyId": "…", "Id": "…", "TimeStamp": 6366…,
 * "AdditionalInfo": {…}}}) into one message per record it names. The generic inquiry
 * ({@code Query}) names the entity, by its definition's {@code source.inquiry}; each row
 * names a record by the definition's key column. An update comes as the new row in
 * Inserted and the old one in Deleted, a deletion as a row in Deleted only: either way
 * the record is synced as the ERP has it when the message is processed, which finds a
 * deleted record gone. {@code Query} and {@code Id} identify a notification, as Acumatica
 * documents; with the row's key they identify a message.
 */
class PushNotifications {

	/** As long as the inbox's record_key column holds. */
	private static final int LONGEST_KEY = 128;

	private final Definitions definitions;

	private final StoreConnectors stores;

	PushNotifications(Definitions definitions, StoreConnectors stores) {
		this.definitions = definitions;
		this.stores = stores;
	}

	List<Arrival> read(String store, JsonNode notification) {
		String query = text(notification, "Query");
		String id = text(notification, "Id");
		JsonNode timeStamp = notification.path("TimeStamp");
		if (!timeStamp.isIntegralNumber()) {
			throw new MalformedMessageException(
					"push notification " + UntrustedText.quoted(query) + " has no TimeStamp (a whole number)");
		}
		EntityDefinition definition = exported(query);
		Set<String> keys = new LinkedHashSet<>();
		for (String rows : List.of("Inserted", "Deleted")) {
			JsonNode list = notification.path(rows);
			if (list.isMissingNode() || list.isNull()) {
				continue;
			}
			if (!list.isArray()) {
				throw new MalformedMessageException(
						"push notification " + UntrustedText.quoted(query) + ": " + rows + " is not a list of rows");
			}
			for (int i = 0; i < list.size(); i++) {
				if (definition != null) {
					keys.add(key(list.get(i), definition.source().key(), query, rows + "[" + i + "]"));
				}
			}
		}
		String delivery = query + " " + id;
		List<Arrival> arrivals = new ArrayList<>();
		if (definition == null) {
			arrivals.add(new Arrival(store, MessageSource.ERP, query, null, null, delivery, timeStamp.longValue(),
					"no entity is exported from generic inquiry " + UntrustedText.quoted(query)
							+ " (a definition's source.inquiry, by default syncbatch-<entity>)"));
			return arrivals;
		}
		String ignored = !definition.syncs(SyncMode.REAL_TIME)
				? definition.entity() + " does not sync in real time (sync-modes: " + definition.syncModes() + ")"
				: stores.names().contains(store) ? stores.cannotRun(definition.job(SyncDirection.EXPORT), store) : null;
		for (String key : keys) {
			arrivals.add(new Arrival(store, MessageSource.ERP, query, definition.entity(), key, delivery + " " + key,
					timeStamp.longValue(), ignored));
		}
		return arrivals;
	}

	private @Nullable EntityDefinition exported(String query) {
		return definitions.all()
			.stream()
			.filter(definition -> definition.inquiryName().equalsIgnoreCase(query))
			.filter(definition -> definition.direction().ways().contains(SyncDirection.EXPORT))
			.findFirst()
			.orElse(null);
	}

	private static String key(JsonNode row, String column, String query, String at) {
		if (row.isObject()) {
			for (Map.Entry<String, JsonNode> field : row.properties()) {
				if (field.getKey().equalsIgnoreCase(column) && !field.getValue().isNull()
						&& !field.getValue().asString().isBlank()) {
					String key = field.getValue().asString().strip();
					if (key.length() > LONGEST_KEY) {
						throw new MalformedMessageException("push notification " + UntrustedText.quoted(query)
								+ ": row " + at + " has a " + column + " of " + key.length()
								+ " characters, longer than the " + LONGEST_KEY + " a record key can be");
					}
					return key;
				}
			}
		}
		throw new MalformedMessageException("push notification " + UntrustedText.quoted(query) + ": row " + at
				+ " has no " + column + ", the key column of the entity it names");
	}

	private static String text(JsonNode notification, String field) {
		JsonNode value = notification.path(field);
		if (!value.isString() || value.stringValue().isBlank()) {
			throw new MalformedMessageException("push notification has no " + field);
		}
		return value.stringValue();
	}

}
