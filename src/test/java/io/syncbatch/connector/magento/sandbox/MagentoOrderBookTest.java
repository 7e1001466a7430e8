package io.syncbatch.connector.magento.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncbatch.connector.magento.OAuthSigner;
import io.syncbatch.testsupport.MovableClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local Magento sandbox keeps orders as Magento does: placed with {@code POST
 * /V1/orders}, read back by id and by search, shipped and invoiced in parts until nothing
 * is left (then refused in Magento's words), moved from pending to processing to
 * complete, commented on, and kept in the data file across a restart.
 */
class MagentoOrderBookTest {

	private static final OAuthSigner.Credentials CREDENTIALS = new OAuthSigner.Credentials("ck", "cs", "at", "ats");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ADDRESS = """
			{"firstname": "Ann", "lastname": "Lee", "street": ["1 Main St"], "city": "Leeds",
			 "postcode": "LS1 1AA", "country_id": "GB", "telephone": "+44 113 496 0000"}""";

	private final HttpClient http = HttpClient.newHttpClient();

	private final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T09:00:00Z"));

	private MagentoSandbox sandbox;

	private URI root;

	@AfterEach
	void stop() {
		sandbox.close();
	}

	private void start(Path dataFile) {
		sandbox = new MagentoSandbox(CREDENTIALS, 0, dataFile, clock);
		root = URI.create(sandbox.start() + "/rest/" + MagentoSandbox.STORE_CODE);
	}

	@Test
	void aGuestAndACustomerPlaceOrdersThatReadBackByIdAndBySearchOnUpdatedAt() throws Exception {
		start(null);
		long customerId = send("POST", "/V1/customers",
				"{\"customer\":{\"email\":\"ann@example.com\",\"firstname\":\"Ann\",\"lastname\":\"Lee\"}}")
			.body()
			.path("id")
			.asLong();

		Answer guest = placeGuestOrder("bob@example.com");
		clock.move(60);
		Answer customer = send("POST", "/V1/orders", """
				{"entity": {"customer_email": "ann@example.com", "customer_id": %d, "grand_total": 25,
				 "base_grand_total": 25,
				 "items": [{"sku": "TEA-1", "name": "Tea", "qty_ordered": 1, "price": 20}],
				 "billing_address": %s}}""".formatted(customerId, ADDRESS));

		assertThat(guest.status()).as(guest.body().toString()).isEqualTo(200);
		JsonNode placed = guest.body();
		assertThat(placed.path("entity_id").asInt()).isEqualTo(1);
		assertThat(placed.has("id")).as("the table's key is not Magento's").isFalse();
		assertThat(placed.path("increment_id").asString()).isEqualTo("000000001");
		assertThat(placed.path("state").asString()).isEqualTo("new");
		assertThat(placed.path("status").asString()).isEqualTo("pending");
		assertThat(placed.path("created_at").asString()).isEqualTo("2026-03-02 09:00:00");
		assertThat(placed.path("customer_is_guest").asInt()).isEqualTo(1);
		assertThat(placed.path("items").findValues("item_id")).extracting(JsonNode::asInt).containsExactly(1, 2);
		assertThat(placed.path("items").get(0).path("row_total").asDouble()).isEqualTo(59.97);
		assertThat(placed.path("items").get(0).path("qty_shipped").asInt()).isZero();
		assertThat(placed.path("subtotal").asDouble()).isEqualTo(69.97);
		assertThat(placed.path("grand_total").asDouble()).isEqualTo(69.97);
		assertThat(placed.path("total_item_count").asInt()).isEqualTo(2);
		assertThat(placed.path("billing_address").path("address_type").asString()).isEqualTo("billing");
		assertThat(placed.path("billing_address").path("parent_id").asInt()).isEqualTo(1);
		assertThat(placed.path("status_histories").isArray()).isTrue();
		assertThat(placed.path("status_histories")).isEmpty();
		assertThat(customer.status()).as(customer.body().toString()).isEqualTo(200);
		assertThat(customer.body().path("increment_id").asString()).isEqualTo("000000002");
		assertThat(customer.body().path("items").get(0).path("item_id").asInt()).isEqualTo(3);
		assertThat(customer.body().path("grand_total").asInt()).as("a given total is kept").isEqualTo(25);
		assertThat(customer.body().path("customer_firstname").asString()).isEqualTo("Ann");
		assertThat(customer.body().path("billing_address").path("entity_id").asInt()).isEqualTo(2);

		assertThat(send("GET", "/V1/orders/1", null).body()).isEqualTo(placed);
		Answer unknown = send("GET", "/V1/orders/99", null);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.body().path("message").asString())
			.isEqualTo("The entity that was requested doesn't exist. Verify the entity and try again.");

		Answer changed = send("GET", "/V1/orders?" + filter("updated_at", "2026-03-02 09:00:30", "gteq"), null);
		assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);
		assertThat(changed.body().path("total_count").asInt()).isEqualTo(1);
		assertThat(changed.body().path("items").findValuesAsString("increment_id")).containsExactly("000000002");
		assertThat(changed.body().path("items").get(0).has("id")).isFalse();
		assertThat(send("GET", "/V1/orders?" + filter("customer_id", String.valueOf(customerId), "eq"), null).body()
			.path("items")
			.findValuesAsString("customer_email")).containsExactly("ann@example.com");
		assertThat(sandbox.orders()).extracting(order -> order.get("increment_id"))
			.containsExactly("000000001", "000000002");
	}

	@Test
	void anOrderIsShippedInPartsWithItsTracksAndCommentAndAThirdShipmentIsRefused() throws Exception {
		start(null);
		placeGuestOrder("bob@example.com");
		clock.move(60);

		Answer first = send("POST", "/V1/order/1/ship", """
				{"items": [{"order_item_id": 1, "qty": 2}], "notify": true, "appendComment": true,
				 "comment": {"comment": "First box", "is_visible_on_front": 1},
				 "tracks": [{"track_number": "1Z999", "title": "UPS Ground", "carrier_code": "ups"}]}""");
		JsonNode afterFirst = send("GET", "/V1/orders/1", null).body();
		Answer rest = send("POST", "/V1/order/1/ship", "{}");
		Answer third = send("POST", "/V1/order/1/ship", "{}");

		assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
		assertThat(first.body().isInt()).as("the new shipment's id, bare").isTrue();
		assertThat(first.body().asInt()).isEqualTo(1);
		assertThat(afterFirst.path("state").asString()).isEqualTo("processing");
		assertThat(afterFirst.path("status").asString()).isEqualTo("processing");
		assertThat(afterFirst.path("updated_at").asString()).isEqualTo("2026-03-02 09:01:00");
		assertThat(afterFirst.path("items").findValues("qty_shipped")).extracting(JsonNode::asInt)
			.containsExactly(2, 0);
		assertThat(rest.body().asInt()).isEqualTo(2);
		assertThat(third.status()).isEqualTo(400);
		assertThat(third.body().path("message").asString())
			.isEqualTo("Shipment Document Validation Error(s):\nThe order does not allow a shipment to be created.");

		JsonNode shipments = send("GET", "/V1/shipments?" + filter("order_id", "1", "eq"), null).body();
		assertThat(shipments.path("total_count").asInt()).isEqualTo(2);
		JsonNode box = shipments.path("items").get(0);
		assertThat(box.path("increment_id").asString()).isEqualTo("000000001");
		assertThat(box.path("total_qty").asInt()).isEqualTo(2);
		assertThat(box.path("items").get(0).path("sku").asString()).isEqualTo("MUG-1");
		assertThat(box.path("tracks").get(0).path("track_number").asString()).isEqualTo("1Z999");
		assertThat(box.path("tracks").get(0).path("order_id").asInt()).isEqualTo(1);
		assertThat(box.path("comments").get(0).path("comment").asString()).isEqualTo("First box");
		assertThat(box.path("comments").get(0).path("is_customer_notified").asInt()).isEqualTo(1);
		JsonNode remainder = shipments.path("items").get(1);
		assertThat(remainder.path("total_qty").asInt()).isEqualTo(2);
		assertThat(remainder.path("items").findValues("qty")).extracting(JsonNode::asInt).containsExactly(1, 1);
		assertThat(remainder.path("comments")).isEmpty();
		assertThat(send("GET", "/V1/orders/1", null).body().path("status").asString()).as("shipped, not yet invoiced")
			.isEqualTo("processing");
		assertThat(sandbox.shipments()).hasSize(2);
	}

	@Test
	void aShipmentOfAnItemTheOrderDoesNotHaveOrOfMoreThanIsLeftIsRefusedInMagentosWords() throws Exception {
		start(null);
		placeGuestOrder("bob@example.com");

		Answer unknownItem = send("POST", "/V1/order/1/ship", "{\"items\": [{\"order_item_id\": 99, \"qty\": 1}]}");
		Answer tooMany = send("POST", "/V1/order/1/ship", "{\"items\": [{\"order_item_id\": 2, \"qty\": 2}]}");
		Answer unknownOrder = send("POST", "/V1/order/99/ship", "{}");
		Answer misspeltTrack = send("POST", "/V1/order/1/ship",
				"{\"tracks\": [{\"number\": \"1Z\", \"title\": \"UPS\", \"carrier_code\": \"ups\"}]}");

		assertThat(unknownItem.status()).isEqualTo(400);
		assertThat(unknownItem.body().path("message").asString()).isEqualTo(
				"Shipment Document Validation Error(s):\nThe shipment contains product SKU \"\" that is not part of"
						+ " the original order.");
		assertThat(tooMany.body().path("message").asString())
			.isEqualTo("Shipment Document Validation Error(s):\nThe quantity to ship must not be greater than the"
					+ " unshipped quantity for product SKU \"SPOON-1\".");
		assertThat(unknownOrder.status()).isEqualTo(404);
		assertThat(misspeltTrack.status()).isEqualTo(400);
		assertThat(misspeltTrack.body().path("parameters").path("fieldName").asString()).isEqualTo("Number");
		assertThat(misspeltTrack.body().path("parameters").path("className").asString())
			.isEqualTo("Magento\\Sales\\Api\\Data\\ShipmentTrackCreationInterface");
		assertThat(sandbox.shipments()).isEmpty();
		assertThat(sandbox.orders().get(0).get("status")).isEqualTo("pending");
	}

	@Test
	void anInvoicedAndShippedOrderIsCompleteASecondInvoiceIsRefusedAndAnInvoiceTakesComments() throws Exception {
		start(null);
		placeGuestOrder("bob@example.com");

		Answer invoice = send("POST", "/V1/order/1/invoice", """
				{"capture": true, "notify": false, "appendComment": true,
				 "comment": {"comment": "Paid by card", "is_visible_on_front": 0}}""");
		JsonNode invoicedOnly = send("GET", "/V1/orders/1", null).body();
		send("POST", "/V1/order/1/ship", "{}");
		JsonNode invoicedAndShipped = send("GET", "/V1/orders/1", null).body();
		Answer again = send("POST", "/V1/order/1/invoice", "{\"capture\": true}");
		Answer tooMany = send("POST", "/V1/order/1/invoice", "{\"items\": [{\"order_item_id\": 1, \"qty\": 1}]}");
		clock.move(5);
		Answer comment = send("POST", "/V1/invoices/comments", """
				{"entity": {"parent_id": 1, "comment": "Receipt sent", "is_customer_notified": 1,
				 "is_visible_on_front": 0}}""");
		Answer orphan = send("POST", "/V1/invoices/comments", """
				{"entity": {"parent_id": 9, "comment": "Nobody", "is_customer_notified": 0,
				 "is_visible_on_front": 0}}""");

		assertThat(invoice.status()).as(invoice.body().toString()).isEqualTo(200);
		assertThat(invoice.body().asInt()).isEqualTo(1);
		assertThat(invoicedOnly.path("status").asString()).isEqualTo("processing");
		assertThat(invoicedOnly.path("items").findValues("qty_invoiced")).extracting(JsonNode::asInt)
			.containsExactly(3, 1);
		assertThat(invoicedAndShipped.path("state").asString()).isEqualTo("complete");
		assertThat(invoicedAndShipped.path("status").asString()).isEqualTo("complete");
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.body().path("message").asString())
			.isEqualTo("Invoice Document Validation Error(s):\nThe order does not allow an invoice to be created.");
		assertThat(tooMany.body().path("message").asString()).startsWith("Invoice Document Validation Error(s):");
		assertThat(comment.status()).as(comment.body().toString()).isEqualTo(200);
		assertThat(comment.body().path("entity_id").asInt()).isEqualTo(2);
		assertThat(comment.body().path("parent_id").asInt()).isEqualTo(1);
		assertThat(comment.body().path("created_at").asString()).isEqualTo("2026-03-02 09:00:05");
		assertThat(orphan.status()).isEqualTo(404);
		assertThat(orphan.body().path("message").asString()).isEqualTo("No such entity with %fieldName = %fieldValue");
		assertThat(orphan.body().path("parameters").path("fieldValue").asString()).isEqualTo("9");

		JsonNode invoices = send("GET", "/V1/invoices?" + filter("increment_id", "000000001", "eq"), null).body();
		assertThat(invoices.path("total_count").asInt()).isEqualTo(1);
		JsonNode stored = invoices.path("items").get(0);
		assertThat(stored.path("state").asInt()).as("captured: paid").isEqualTo(2);
		assertThat(stored.path("grand_total").asDouble()).isEqualTo(69.97);
		assertThat(stored.path("total_qty").asInt()).isEqualTo(4);
		assertThat(stored.path("comments").findValuesAsString("comment")).containsExactly("Paid by card",
				"Receipt sent");
		assertThat(sandbox.invoices()).hasSize(1);
	}

	@Test
	void anOrderCommentWithAStatusSetsItAndTheCommentsAreListedNewestFirst() throws Exception {
		start(null);
		placeGuestOrder("bob@example.com");
		clock.move(60);

		Answer plain = send("POST", "/V1/orders/1/comments", """
				{"statusHistory": {"comment": "Called the customer", "is_customer_notified": 0,
				 "is_visible_on_front": 0, "parent_id": 1}}""");
		clock.move(60);
		Answer withStatus = send("POST", "/V1/orders/1/comments", """
				{"statusHistory": {"comment": "Looks like fraud", "is_customer_notified": 0,
				 "is_visible_on_front": 0, "parent_id": 1, "status": "fraud"}}""");
		Answer misspelt = send("POST", "/V1/orders/1/comments",
				"{\"statusHistory\": {\"note\": \"x\", \"is_customer_notified\": 0}}");

		assertThat(plain.body().asBoolean()).isTrue();
		assertThat(withStatus.body().asBoolean()).isTrue();
		assertThat(misspelt.status()).isEqualTo(400);
		JsonNode order = send("GET", "/V1/orders/1", null).body();
		assertThat(order.path("status").asString()).isEqualTo("fraud");
		assertThat(order.path("updated_at").asString()).isEqualTo("2026-03-02 09:02:00");
		JsonNode comments = send("GET", "/V1/orders/1/comments", null).body();
		assertThat(comments.path("total_count").asInt()).isEqualTo(2);
		assertThat(comments.path("items").findValuesAsString("comment")).containsExactly("Looks like fraud",
				"Called the customer");
		assertThat(comments.path("items").findValuesAsString("status")).containsExactly("fraud", "pending");
		assertThat(comments.path("items").get(0).path("parent_id").asInt()).isEqualTo(1);
		assertThat(comments.path("items").get(0).path("created_at").asString()).isEqualTo("2026-03-02 09:02:00");
		assertThat(send("GET", "/V1/orders/7/comments", null).status()).isEqualTo(404);
	}

	@Test
	void anOrderWithoutWhatMagentoRequiresOrWithAFieldAnOrderDoesNotHaveIsRefused() throws Exception {
		start(null);
		String item = "{\"sku\": \"MUG-1\", \"name\": \"Mug\", \"qty_ordered\": 1, \"price\": 5}";

		Answer noTelephone = send("POST", "/V1/orders", """
				{"entity": {"customer_email": "a@example.com", "customer_is_guest": 1, "items": [%s],
				 "billing_address": {"firstname": "A", "lastname": "B", "street": ["1 Main St"], "city": "Leeds",
				 "postcode": "LS1 1AA", "country_id": "GB"}}}""".formatted(item));
		Answer noPrice = send("POST", "/V1/orders", """
				{"entity": {"customer_email": "a@example.com", "customer_is_guest": 1,
				 "items": [{"sku": "MUG-1", "name": "Mug", "qty_ordered": 1}], "billing_address": %s}}"""
			.formatted(ADDRESS));
		Answer shippingAddress = send("POST", "/V1/orders", """
				{"entity": {"customer_email": "a@example.com", "customer_is_guest": 1, "items": [%s],
				 "billing_address": %s, "shipping_address": %s}}""".formatted(item, ADDRESS, ADDRESS));
		Answer unknownCustomer = send("POST", "/V1/orders", """
				{"entity": {"customer_email": "a@example.com", "customer_id": 42, "items": [%s],
				 "billing_address": %s}}""".formatted(item, ADDRESS));
		Answer nobody = send("POST", "/V1/orders", """
				{"entity": {"customer_email": "a@example.com", "items": [%s], "billing_address": %s}}""".formatted(item,
				ADDRESS));
		Answer bare = send("POST", "/V1/orders", "{\"customer_email\": \"a@example.com\"}");

		assertThat(noTelephone.status()).isEqualTo(400);
		assertThat(noTelephone.body().path("message").asString())
			.isEqualTo("\"%fieldName\" is required. Enter and try again.");
		assertThat(noTelephone.body().path("parameters").path("fieldName").asString()).isEqualTo("telephone");
		assertThat(noPrice.body().path("parameters").path("fieldName").asString()).isEqualTo("price");
		assertThat(shippingAddress.status()).isEqualTo(400);
		assertThat(shippingAddress.body().path("parameters").path("fieldName").asString()).isEqualTo("ShippingAddress");
		assertThat(shippingAddress.body().path("parameters").path("className").asString())
			.isEqualTo("Magento\\Sales\\Api\\Data\\OrderInterface");
		assertThat(unknownCustomer.status()).isEqualTo(404);
		assertThat(unknownCustomer.body().path("message").asString())
			.isEqualTo("No such entity with %fieldName = %fieldValue");
		assertThat(unknownCustomer.body().path("parameters").path("fieldValue").asString()).isEqualTo("42");
		assertThat(nobody.body().path("parameters").path("fieldName").asString()).isEqualTo("customer_id");
		assertThat(bare.body().path("parameters").path("fieldName").asString()).isEqualTo("entity");
		assertThat(sandbox.orders()).isEmpty();
	}

	@Test
	void ordersShipmentsAndInvoicesSurviveARestartAndAnOlderDataFileLoads(@TempDir Path dir) throws Exception {
		Path dataFile = dir.resolve("magento.json");
		Files.writeString(dataFile, """
				{"format": "syncbatch-magento-sandbox/1", "customers": {"next_id": 1, "rows": []},
				 "categories": {"next_id": 1, "rows": []}, "products": {"next_id": 1, "rows": []}}""");
		start(dataFile);
		assertThat(sandbox.orders()).as("a file from before orders").isEmpty();
		placeGuestOrder("bob@example.com");
		send("POST", "/V1/order/1/ship", "{\"items\": [{\"order_item_id\": 1, \"qty\": 1}]}");
		send("POST", "/V1/order/1/invoice", "{}");
		sandbox.stop();

		start(dataFile);
		Answer second = placeGuestOrder("cy@example.com");

		assertThat(sandbox.orders()).hasSize(2);
		assertThat(sandbox.orders().get(0).get("status")).isEqualTo("processing");
		assertThat(sandbox.orders().get(0)).doesNotContainKey("id");
		assertThat(sandbox.shipments()).hasSize(1);
		assertThat(sandbox.invoices()).hasSize(1);
		assertThat(sandbox.invoices().get(0).get("state")).as("paid offline without capture, as Magento records it")
			.isEqualTo(2);
		assertThat(second.body().path("entity_id").asInt()).isEqualTo(2);
		assertThat(second.body().path("items").get(0).path("item_id").asInt()).isEqualTo(3);
		assertThat(send("POST", "/V1/order/1/ship", "{}").body().asInt()).isEqualTo(2);

		sandbox.clear();
		assertThat(sandbox.orders()).isEmpty();
		assertThat(sandbox.shipments()).isEmpty();
		assertThat(sandbox.invoices()).isEmpty();
		assertThat(placeGuestOrder("dee@example.com").body().path("increment_id").asString()).isEqualTo("000000001");
	}

	/** A guest's order of three mugs at 19.99 and a spoon at 10. */
	private Answer placeGuestOrder(String email) throws Exception {
		return send("POST", "/V1/orders", """
				{"entity": {"customer_email": "%s", "customer_is_guest": 1,
				 "items": [{"sku": "MUG-1", "name": "Mug", "qty_ordered": 3, "price": 19.99},
				           {"sku": "SPOON-1", "name": "Spoon", "qty_ordered": 1, "price": 10}],
				 "billing_address": %s}}""".formatted(email, ADDRESS));
	}

	private static String filter(String field, String value, String condition) {
		return "searchCriteria%5BfilterGroups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bfield%5D=" + field
				+ "&searchCriteria%5BfilterGroups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bvalue%5D="
				+ URLEncoder.encode(value, StandardCharsets.UTF_8)
				+ "&searchCriteria%5BfilterGroups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5BconditionType%5D=" + condition;
	}

	private record Answer(int status, JsonNode body) {
	}

	private Answer send(String method, String path, String body) throws IOException, InterruptedException {
		return send(method, URI.create(root + path), "Bearer at", body);
	}

	private Answer send(String method, URI uri, String authorization, String body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/json")
			.header("Authorization", authorization)
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Answer(response.statusCode(), JSON.readTree(response.body()));
	}

}
