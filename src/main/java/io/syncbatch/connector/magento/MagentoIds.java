package io.syncbatch.connector.magento;

import io.syncbatch.connector.MalformedAnswerException;
import io.syncbatch.connector.StoreChannel;
import tools.jackson.databind.JsonNode;

/** The id of an entity Magento answered, which every write and lookup keeps. */
final class MagentoIds {

	private MagentoIds() {
	}

	/**
	 * @param kind what the entity is, for the message: {@code customer}
	 * @param request the request that answered it: {@code POST /V1/customers}
	 * @throws MalformedAnswerException when the entity has no integer id
	 */
	static String of(JsonNode entity, String kind, String request, StoreChannel channel) {
		return of(entity, kind, request, channel, "id");
	}

	/**
	 * @param field where the entity keeps its id: {@code id}, or a sales document's
	 * {@code entity_id}
	 */
	static String of(JsonNode entity, String kind, String request, StoreChannel channel, String field) {
		JsonNode id = entity.path(field);
		if (!id.isIntegralNumber()) {
			throw new MalformedAnswerException(request + " on store " + channel.storeName() + " answered a " + kind
					+ " without an integer id: " + id);
		}
		return String.valueOf(id.longValue());
	}

}
