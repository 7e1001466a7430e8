package io.syncbatch.connector.bigcommerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.syncbatch.connector.StoreWebhooks.MalformedWebhookException;
import io.syncbatch.connector.StoreWebhooks.StoreEvent;
import io.syncbatch.testsupport.WebhookExamples;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every example webhook BigCommerce publishes, read as the inbox reads it. */
class BigCommerceWebhookReaderTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BigCommerceWebhookReader webhooks = new BigCommerceWebhookReader();

	@Test
	void customerAddressAndOrderWebhooksNameTheResourcesImportsReadAndTheOthersNone() {
		Map<String, String> resources = new TreeMap<>();
		for (String name : WebhookExamples.names()) {
			StoreEvent event = webhooks.read(body(WebhookExamples.body(name)));
			resources.put(name, String.valueOf(event.resource()));
		}

		assertThat(resources).containsEntry("store_customer_created", "customers")
			.containsEntry("store_customer_updated", "customers")
			.containsEntry("store_customer_deleted", "customers")
			.containsEntry("store_customer_address_created", "customer-addresses")
			.containsEntry("store_customer_address_updated", "customer-addresses")
			.containsEntry("store_customer_address_deleted", "customer-addresses")
			.containsEntry("store_order_created", "orders")
			.containsEntry("store_order_updated", "orders")
			.containsEntry("store_order_statusUpdated", "orders")
			.containsEntry("store_order_archived", "orders")
			.containsEntry("store_order_message_created", "null")
			.containsEntry("store_product_updated", "null")
			.containsEntry("store_customer_payment_instrument_default_updated", "null");
	}

	@Test
	void aWebhookNamesItsRecordItsDeliveryAndWhetherItIsADeletion() {
		StoreEvent address = webhooks.read(body(WebhookExamples.body("store_customer_address_deleted")));
		StoreEvent order = webhooks.read(body(WebhookExamples.body("store_order_statusUpdated")));

		assertThat(address.id()).as("the address's id, not its customer's").isEqualTo("60");
		assertThat(address.deleted()).isTrue();
		assertThat(order.id()).isEqualTo("250");
		assertThat(order.deleted()).isFalse();
		assertThat(order.occurredAt()).isEqualTo(1561479335L);
		assertThat(order.delivery())
			.isEqualTo("store/order/statusUpdated 7ee67cd1cf2ca60bc1aa9e5fe957d2de373be4ca" + " 1561479335");
	}

	@Test
	void aWebhookWithoutItsScopeIdOrTimeIsRefusedNamingWhatIsMissing() {
		assertThatThrownBy(() -> webhooks.read(body("{\"hash\": \"a\", \"created_at\": 1, \"data\": {\"id\": 1}}")))
			.isInstanceOf(MalformedWebhookException.class)
			.hasMessage("webhook has no scope");
		assertThatThrownBy(() -> webhooks
			.read(body("{\"scope\": \"store/order/created\", \"hash\": \"a\", \"created_at\": 1, \"data\": {}}")))
			.isInstanceOf(MalformedWebhookException.class)
			.hasMessage("webhook store/order/created has no data.id (a positive integer)");
		assertThatThrownBy(() -> webhooks
			.read(body("{\"scope\": \"store/order/created\", \"hash\": \"a\", \"data\": {\"id\": 1}}")))
			.isInstanceOf(MalformedWebhookException.class)
			.hasMessage("webhook store/order/created has no created_at (seconds since 1970)");
	}

	/** Fails once BigCommerce corrects an example, so that its erratum can go. */
	@Test
	void theExamplesWhoseScopeIsCorrectedStillCarryTheWrongOneAndTheOthersTheirOwn() {
		for (String name : WebhookExamples.names()) {
			String published = body(WebhookExamples.published(name)).path("scope").asString();
			String documented = WebhookExamples.errata().get(name);
			if (documented != null) {
				assertThat(published).as(name + " still needs its erratum").isNotEqualTo(documented);
			}
			else {
				assertThat(published.replace('/', '_')).as(name + " carries its own scope").isEqualTo(name);
			}
		}
	}

	private static JsonNode body(String json) {
		return JSON.readTree(json);
	}

}
