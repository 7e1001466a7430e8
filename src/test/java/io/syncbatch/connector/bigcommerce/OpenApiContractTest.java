package io.syncbatch.connector.bigcommerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * The limits read from the real published contracts, as the jar carries them
 * (contracts/bigcommerce, packed by the build): OpenAPI 3 (customers, orders) and Swagger
 * 2 (catalog), with their {@code $ref}s followed.
 */
class OpenApiContractTest {

	private final BigCommerceContracts contracts = new BigCommerceContracts();

	@Test
	void customersLimitsAreTheContractsAndAFieldWithoutLimitHasNone() {
		OpenApiContract customers = contracts.named("customers.v3.yml");
		FieldLimits customer = itemOf(customers.requestBody(HttpMethod.POST, "/customers"));

		assertThat(customers.basePath()).isEqualTo("/v3");
		assertThat(customer.property("company").maxLength()).isEqualTo(255);
		assertThat(customer.property("email").minLength()).isEqualTo(3);
		assertThat(customer.property("email").maxLength()).isEqualTo(255);
		assertThat(customer.property("first_name").maxLength()).isEqualTo(100);
		assertThat(customer.property("phone").maxLength()).isEqualTo(50);
		assertThat(customer.required()).containsExactlyInAnyOrder("email", "first_name", "last_name");
		FieldLimits notes = customer.property("notes");
		assertThat(notes.maxLength()).isNull();
		assertThat(notes.minLength()).isNull();
		assertThat(notes.allowed()).isEmpty();
		assertThat(customer.property("addresses").maxItems()).isEqualTo(10);
		assertThat(customer.property("addresses").items().property("country_code").maxLength()).isEqualTo(2);
		assertThat(itemOf(customers.requestBody(HttpMethod.PUT, "/customers")).property("company").maxLength())
			.isEqualTo(255);
		assertThat(itemOf(customers.requestBody(HttpMethod.POST, "/customers/addresses")).property("postal_code")
			.maxLength()).isEqualTo(30);
	}

	@Test
	void catalogLimitsComeFromItsSwagger2BodyParameters() {
		OpenApiContract catalog = contracts.named("catalog.v3.yml");
		FieldLimits product = catalog.requestBody(HttpMethod.POST, "/catalog/products");

		assertThat(catalog.basePath()).isEqualTo("/v3");
		assertThat(product.property("type").allowed()).containsExactly("physical", "digital");
		assertThat(product.property("weight").minimum()).isEqualByComparingTo(BigDecimal.ZERO);
		assertThat(product.property("weight").maximum()).isEqualByComparingTo(new BigDecimal("9999999999"));
		assertThat(product.property("name").maxLength()).isEqualTo(255);
		assertThat(product.required()).contains("name", "type", "weight", "price");
		FieldLimits category = catalog.requestBody(HttpMethod.POST, "/catalog/categories");
		assertThat(category.property("name").maxLength()).isEqualTo(50);
		assertThat(catalog.requestBody(HttpMethod.PUT, "/catalog/categories/{id}").property("name").maxLength())
			.as("a path variable of another name is the same request")
			.isEqualTo(50);
	}

	@Test
	void ordersHaveNestedObjectsAndFewLimits() {
		OpenApiContract orders = contracts.named("orders.v2.oas2.yml");
		FieldLimits order = orders.requestBody(HttpMethod.POST, "/orders");

		assertThat(orders.basePath()).isEqualTo("/v2");
		assertThat(order.property("billing_address").required()).contains("zip");
		assertThat(order.property("staff_notes").maxLength()).isNull();
		assertThat(orders.requestBody(HttpMethod.POST, "/orders/{order_id}/shipments").property("items").items())
			.isNotNull();
	}

	@Test
	void aRequestTheContractDoesNotDeclareIsNamed() {
		assertThatThrownBy(() -> contracts.named("customers.v3.yml").requestBody(HttpMethod.PATCH, "/customers"))
			.hasMessage("customers.v3.yml declares no PATCH /v3/customers");
	}

	@Test
	void aPayloadIsCheckedAgainstTheLimitsNamingFieldAndLimit() {
		FieldLimits customer = itemOf(contracts.named("customers.v3.yml").requestBody(HttpMethod.POST, "/customers"));
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("email", "a@b.example");
		payload.put("first_name", "");
		payload.put("company", "x".repeat(300));
		payload.put("notes", "n".repeat(5000));
		payload.put("addresses", List.of(Map.of("country_code", "USA")));
		List<String> problems = new ArrayList<>();

		customer.check("", payload, true, problems);

		assertThat(problems).containsExactlyInAnyOrder("first_name is 0 characters; the store needs at least 1",
				"last_name is required by the store", "company is 300 characters; the store accepts at most 255",
				"addresses[0].address1 is required by the store", "addresses[0].city is required by the store",
				"addresses[0].country_code is 3 characters; the store accepts at most 2",
				"addresses[0].first_name is required by the store", "addresses[0].last_name is required by the store",
				"addresses[0].postal_code is required by the store",
				"addresses[0].state_or_province is required by the store");
	}

	@Test
	void numbersAndEnumsAreChecked() {
		FieldLimits product = contracts.named("catalog.v3.yml").requestBody(HttpMethod.POST, "/catalog/products");
		List<String> problems = new ArrayList<>();

		product.check("", Map.of("name", "Jam", "type", "physical", "weight", new BigDecimal("0.3"), "price", 1), true,
				problems);
		assertThat(problems).isEmpty();

		product.check("", Map.of("type", "liquid", "weight", -1), false, problems);
		assertThat(problems).containsExactlyInAnyOrder("type is 'liquid'; the store accepts one of [physical, digital]",
				"weight is -1; the store accepts at least 0");
	}

	private static FieldLimits itemOf(FieldLimits body) {
		assertThat(body.items()).as("a batch body is a list").isNotNull();
		return body.items();
	}

}
