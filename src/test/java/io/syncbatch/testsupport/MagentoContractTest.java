package io.syncbatch.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Magento's published admin schema, as the Magento connector's requests will be checked
 * against it: read strictly once its two defects are corrected on a copy, and still
 * carrying them (the day Adobe fixes one, the first test fails and its erratum goes).
 */
class MagentoContractTest {

	private static final ContractRequestValidator MAGENTO = new ContractRequestValidator(
			PublishedContract.locate("magento/admin-schema-2.4.9.yaml", ""));

	private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"),
			"Authorization", List.of("Bearer integration-token"));

	@Test
	void onlyTheRedoclyDescriptionAndThePlaceholderCredentialAreCorrectedAndBothAreStillThere() {
		assertThat(MAGENTO.errata()).containsExactly("admin-schema-2.4.9.yaml: info.description $ref object -> string",
				"admin-schema-2.4.9.yaml: securityDefinitions.api_key header api_key -> Authorization");
		assertThat(MAGENTO.contract().credentialHeaders()).containsExactly("Authorization");
		assertThat(MAGENTO.contractWarnings()).as("the corrected copy passes the strict parser").isEmpty();
		assertThat(MAGENTO.contract().basePath()).isEqualTo("/rest/default");
	}

	@Test
	void aCustomerIsCreatedWrappedAsTheSchemaSaysAndRefusedBare() {
		ValidationReport wrapped = post("/rest/default/V1/customers", """
				{"customer": {"email": "info@fruitico.example", "firstname": "Fruitico", "lastname": "Ltd"}}""");
		ValidationReport bare = post("/rest/default/V1/customers", """
				{"email": "info@fruitico.example", "firstname": "Fruitico", "lastname": "Ltd"}""");
		ValidationReport withoutEmail = post("/rest/default/V1/customers", """
				{"customer": {"firstname": "Fruitico", "lastname": "Ltd"}}""");

		ValidationReport anonymous = MAGENTO.validate("POST", "/rest/default/V1/customers",
				Map.of("Content-Type", List.of("application/json")), """
						{"customer": {"email": "info@fruitico.example", "firstname": "Fruitico", "lastname": "Ltd"}}"""
					.getBytes(StandardCharsets.UTF_8));

		assertThat(wrapped.getMessages()).isEmpty();
		assertThat(bare.hasErrors()).isTrue();
		assertThat(anonymous.getMessages()).extracting(ValidationReport.Message::getMessage)
			.containsExactly("Request carries none of the credentials the contract defines: header Authorization.");
		assertThat(withoutEmail.getMessages()).extracting(ValidationReport.Message::getMessage)
			.anySatisfy(message -> assertThat(message).contains("email"));
	}

	@Test
	void aSearchNamesItsCriteriaAsQueryParametersTheSchemaDeclares() {
		ValidationReport search = MAGENTO.validate("GET",
				"/rest/default/V1/customers/search?searchCriteria[filterGroups][0][filters][0][field]=email"
						+ "&searchCriteria[filterGroups][0][filters][0][value]=info%40fruitico.example"
						+ "&searchCriteria[pageSize]=300&searchCriteria[currentPage]=1",
				JSON, null);
		ValidationReport misspelt = MAGENTO.validate("GET",
				"/rest/default/V1/customers/search?searchCriteria[filter_groups][0][filters][0][field]=email", JSON,
				null);

		assertThat(search.getMessages()).isEmpty();
		assertThat(misspelt.getMessages()).as("an unknown criterion would widen the search silently")
			.extracting(ValidationReport.Message::getKey)
			.containsExactly("validation.request.parameter.query.unexpected");
	}

	private static ValidationReport post(String path, String body) {
		return MAGENTO.validate("POST", path, JSON, body.getBytes(StandardCharsets.UTF_8));
	}

}
