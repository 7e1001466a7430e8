package io.syncbatch.erp;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import io.syncbatch.rules.Condition;
import io.syncbatch.definition.DefinitionException;
import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.rules.FilterCondition;
import io.syncbatch.definition.SourceQuery;
import io.syncbatch.rules.LinesRule;
import io.syncbatch.rules.MappingRule;
import io.syncbatch.testsupport.ProjectDefinitions;

/**
 * A definition whose SQL or columns do not fit the ERP is refused at launch, naming the
 * file and field.
 */
class QueryCheckTest {

	private final DriverManagerDataSource erp = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID()
			+ ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1");

	private final QueryCheck check;

	private final EntityDefinition customer = ProjectDefinitions.shipped().entity("customer");

	QueryCheckTest() {
		new ResourceDatabasePopulator(new ClassPathResource("sql/erp-schema.sql")).execute(erp);
		check = new QueryCheck(new ErpSource(erp));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "customer", "customer-location", "category", "product", "sales-order", "shipment",
			"invoice", "order-status" })
	void everyShippedDefinitionFitsTheErpSchema(String entity) {
		EntityDefinition definition = ProjectDefinitions.shipped().entity(entity);

		assertThatCode(() -> check.check(definition, definition.source().parameters())).doesNotThrowAnyException();
	}

	@Test
	void aLinesQueryIsCheckedWithTheParentsColumnsAsParameters() {
		EntityDefinition order = ProjectDefinitions.shipped().entity("sales-order");
		String lines = order.mapping()
			.stream()
			.filter(LinesRule.class::isInstance)
			.map(LinesRule.class::cast)
			.findFirst()
			.orElseThrow()
			.query();
		EntityDefinition broken = withMapping(order, lines,
				lines.replace(":OrderNbr", ":OrderNumber").replace("l.OrderQty,", "l.OrderQty AS Qty,"));

		assertThatThrownBy(() -> check.check(broken, order.source().parameters()))
			.hasMessageStartingWith("jobs/sales-order.yml: mapping[11].query fails on the ERP database: ")
			.hasMessageContaining(":OrderNumber is neither a column of the parent row nor a query parameter");

		EntityDefinition misspelt = withMapping(order, lines, lines.replace("l.OrderQty,", "l.OrderQty AS Qty,"));
		assertThatThrownBy(() -> check.check(misspelt, order.source().parameters()))
			.hasMessageContaining("mapping[11].mapping[1] column 'OrderQty' is not a column of its query");
	}

	private static EntityDefinition withMapping(EntityDefinition definition, String query, String replacement) {
		List<MappingRule> rules = definition.mapping()
			.stream()
			.map(rule -> rule instanceof LinesRule lines && query.equals(lines.query()) ? new LinesRule(lines.target(),
					replacement, null, lines.mapping(), lines.required(), lines.valuesOf()) : rule)
			.toList();
		return new EntityDefinition(definition.entity(), definition.description(), definition.source(),
				definition.batchFilters(), definition.exportFilter(), rules, definition.target(),
				definition.importing(), definition.direction(), definition.primary(), definition.dependsOn(),
				definition.chunkSize(), definition.maxAttempts(), definition.syncModes(), definition.events(),
				definition.origin());
	}

	@Test
	void sqlThatFailsIsReportedWithTheDatabasesMessage() {
		EntityDefinition broken = withQuery("SELECT CustomerID, LastModifiedDateTime FROM Customers");

		assertThatThrownBy(() -> check.check(broken, Map.of())).isInstanceOf(DefinitionException.class)
			.hasMessageStartingWith("jobs/customer.yml: source.query fails on the ERP database: ")
			.hasMessageContaining("customers");
	}

	@Test
	void aMisspeltColumnIsNamedWithTheFieldThatUsesIt() {
		EntityDefinition broken = withQuery(customer.source().query().replace("c.Email,", "c.Email AS EMail2,"));

		assertThatThrownBy(() -> check.check(broken, customer.source().parameters()))
			.hasMessageContaining("export-filter[1].field 'Email' is not a column of source.query")
			.hasMessageContaining("mapping[0] column 'Email' is not a column of source.query");
	}

	@Test
	void aFilterValueThatCannotCompareWithItsColumnIsRefused() {
		EntityDefinition broken = new EntityDefinition(customer.entity(), customer.description(), customer.source(),
				customer.batchFilters(),
				List.of(customer.exportFilter().get(0),
						new FilterCondition(true, "LastModifiedDateTime", Condition.GREATER_THAN, "last week", null)),
				customer.mapping(), customer.target(), customer.importing(), customer.direction(), customer.primary(),
				customer.dependsOn(), customer.chunkSize(), customer.maxAttempts(), customer.syncModes(),
				customer.events(), customer.origin());

		assertThatThrownBy(() -> check.check(broken, customer.source().parameters()))
			.hasMessage("jobs/customer.yml: export-filter[1]: 'last week' is not a date (yyyy-MM-dd or"
					+ " yyyy-MM-ddTHH:mm), but LastModifiedDateTime is a date");
	}

	private EntityDefinition withQuery(String query) {
		SourceQuery source = customer.source();
		return new EntityDefinition(customer.entity(), customer.description(),
				new SourceQuery(query, source.parameters(), source.key(), source.description(), source.changeColumn(),
						source.inquiry()),
				customer.batchFilters(), customer.exportFilter(), customer.mapping(), customer.target(),
				customer.importing(), customer.direction(), customer.primary(), customer.dependsOn(),
				customer.chunkSize(), customer.maxAttempts(), customer.syncModes(), customer.events(),
				customer.origin());
	}

}
