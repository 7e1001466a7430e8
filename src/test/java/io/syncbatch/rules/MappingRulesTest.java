package io.syncbatch.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.syncbatch.record.DataRecord;

/**
 * The rules beyond the customer's: what each puts in the payload, and how each refuses or
 * holds a record.
 */
class MappingRulesTest {

	/**
	 * Customers FRUITICO has store id 7 (a number, as the store references answer store
	 * ids that are numbers); JAM-QUINCE was refused by the store; order lines come from a
	 * map.
	 */
	private final MappingContext context = new MappingContext() {
		@Override
		public Object boundId(String field, String entity, String erpId) throws RecordHeldException {
			if (entity.equals("customer") && erpId.equals("FRUITICO")) {
				return 7L;
			}
			throw new RecordHeldException(field, "waiting for " + entity + " " + erpId);
		}

		@Override
		public List<DataRecord> childRows(String query, DataRecord parent) {
			return lines;
		}

		@Override
		public boolean erpHas(String table, String column, String value) {
			return table.equals("InventoryItem") && value.equals("JAM-STRAW");
		}
	};

	private List<DataRecord> lines = List.of();

	private final Map<String, Object> payload = new LinkedHashMap<>();

	@Test
	void numbersAreSentAsNumbersAndTextThatIsNotOneIsRefusedWithItsValue() throws Exception {
		new NumberRule("price", "BasePrice", true, null).apply(context, row("BasePrice", "6.500000"), payload);
		new NumberRule("quantity", "Qty", true, true).apply(context, row("Qty", new BigDecimal("2.000000")), payload);

		assertThat(payload).containsEntry("price", new BigDecimal("6.5")).containsEntry("quantity", 2L);
		assertThatThrownBy(() -> new NumberRule("price", "BasePrice", true, null).apply(context,
				row("BasePrice", "6,50"), payload))
			.hasMessage("price: BasePrice '6,50' is not a number");
		assertThatThrownBy(
				() -> new NumberRule("quantity", "Qty", true, true).apply(context, row("Qty", "1.5"), payload))
			.hasMessage("quantity: Qty '1.5' is not a whole number");
		assertThatThrownBy(
				() -> new NumberRule("price", "BasePrice", true, null).apply(context, row("BasePrice", null), payload))
			.hasMessage("price: is required but BasePrice is empty");
	}

	@Test
	void codesAreTranslatedAndAnUnknownCodeIsRefusedListingTheKnownOnes() throws Exception {
		ValueMapRule status = new ValueMapRule("status_id", "Status", Map.of("N", 11, "C", 10), true);

		status.apply(context, row("Status", "c"), payload);

		assertThat(payload).containsEntry("status_id", 10);
		assertThatThrownBy(() -> status.apply(context, row("Status", "X"), payload))
			.hasMessage("status_id: Status 'X' has no translation (known: C, N)");
	}

	@Test
	void textsFillTheirPlaceholdersAndNestedTargetsBuildObjects() throws Exception {
		new TextRule("staff_notes", "Invoice {RefNbr} ({Status})", null).apply(context,
				row("RefNbr", "INV1", "Status", "Open"), payload);
		new CopyRule("billing_address.zip", "Zip", null, null, null).apply(context, row("Zip", "10004"), payload);
		new ConstantRule("billing_address.country_iso2", "US").apply(context, row(), payload);

		assertThat(payload).containsEntry("staff_notes", "Invoice INV1 (Open)")
			.containsEntry("billing_address", Map.of("zip", "10004", "country_iso2", "US"));
		assertThatThrownBy(
				() -> new TextRule("staff_notes", "{RefNbr}{RefNbr}", 5).apply(context, row("RefNbr", "INV1"), payload))
			.hasMessage("staff_notes: 'INV1INV1' is longer than 5 characters");
	}

	@Test
	void aReferenceGivesTheStoreIdOrHoldsTheRecord() throws Exception {
		ReferenceRule customer = new ReferenceRule("customer_id", "customer", "CustomerID", null, null);

		customer.apply(context, row("CustomerID", "FRUITICO"), payload);

		assertThat(payload).containsEntry("customer_id", 7L);
		assertThatThrownBy(() -> customer.apply(context, row("CustomerID", "ABCSTUDIOS"), payload))
			.isInstanceOf(RecordHeldException.class)
			.hasMessage("customer_id: waiting for customer ABCSTUDIOS");
		new ReferenceRule("parent_id", "category", "ParentID", false, 0).apply(context, row("ParentID", null), payload);
		assertThat(payload).containsEntry("parent_id", 0);
	}

	@Test
	void linesGoThroughTheirOwnRulesAndARefusalNamesTheLine() throws Exception {
		LinesRule products = new LinesRule("products", "SELECT …", null,
				List.of(new NumberRule("quantity", "OrderQty", true, true),
						new ReferenceRule("product_id", "product", "InventoryCD", null, null)),
				null, null);
		lines = List.of(row("OrderQty", "2", "InventoryCD", "JAM-STRAW"));

		assertThatThrownBy(() -> products.apply(context, row(), payload)).isInstanceOf(RecordHeldException.class)
			.hasMessage("products[0].product_id: waiting for product JAM-STRAW");

		lines = List.of();
		assertThatThrownBy(() -> products.apply(context, row(), payload)).isNotInstanceOf(RecordHeldException.class)
			.hasMessage("products: has no lines (the lines query selected none)");

		LinesRule categories = new LinesRule("categories", "SELECT …", null,
				List.of(new NumberRule("id", "CategoryID", true, true)), false, "id");
		lines = List.of(row("CategoryID", 11), row("CategoryID", 12));
		categories.apply(context, row(), payload);
		assertThat(payload).containsEntry("categories", List.of(11L, 12L));
	}

	private static DataRecord row(Object... namesAndValues) {
		Map<String, Object> plain = new HashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			plain.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return DataRecord.of(plain);
	}

}
