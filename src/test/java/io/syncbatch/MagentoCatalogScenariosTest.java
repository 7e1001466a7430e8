package io.syncbatch;

import static io.syncbatch.testsupport.StoreFixture.Requests.updating;
import static io.syncbatch.testsupport.StoreFixture.Resource.CATEGORIES;
import static io.syncbatch.testsupport.StoreFixture.Resource.PRODUCTS;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.syncbatch.history.SyncStatus;
import io.syncbatch.job.RunSummary;
import io.syncbatch.testsupport.StoreFixture.StoreFault;

/**
 * The catalog walkthrough with a Magento store: the demo company's categories arrive as a
 * tree under the store's root category, parents first, and its products are saved by SKU
 * in Magento's shape, linked to those categories. Every request is signed and checked
 * against Adobe's published admin schema.
 */
class MagentoCatalogScenariosTest extends MagentoScenario {

	@Test
	void categoriesArriveAsATreeUnderTheStoresRootAndProductsInMagentosShape() throws Exception {
		RunSummary categories = run("category-export");
		RunSummary products = run("product-export");

		assertThat(categories.inserted()).isEqualTo(4);
		Map<String, Map<String, Object>> tree = categoriesByName();
		assertThat(tree.get("Jams and spreads")).as("a root category of the ERP hangs from the store's root")
			.containsEntry("parent_id", 2)
			.containsEntry("position", 1);
		assertThat(tree.get("Marmalades")).containsEntry("parent_id", tree.get("Jams and spreads").get("id"))
			.containsEntry("position", 2);
		assertThat(products.inserted()).isEqualTo(4);
		assertThat(products.failed()).as("JAM-QUINCE has no price").isEqualTo(1);
		Map<String, Object> strawberry = productsBySku().get("JAM-STRAW");
		assertThat(strawberry).containsEntry("name", "Strawberry jam 250 g")
			.containsEntry("type_id", "simple")
			.containsEntry("attribute_set_id", 4)
			.containsEntry("price", 6.5)
			.containsEntry("custom_attributes",
					List.of(Map.of("attribute_code", "description", "value", "Made with Californian strawberries.")))
			.containsEntry("extension_attributes", Map.of("category_links",
					List.of(Map.of("position", 0, "category_id", String.valueOf(tree.get("Fruit jams").get("id"))))));
		assertThat(store().requests(updating(PRODUCTS))).as("saved by SKU, one a request").hasSize(4);
		assertThat(history("product").get("JAM-STRAW")).isEqualTo(String.valueOf(strawberry.get("id")));
	}

	@Test
	void runAgainNothingIsWrittenAndAnErpMoveMovesTheCategory() throws Exception {
		run("category-export");
		run("product-export");
		store().forgetRequests();

		assertThat(run("category-export").prepared()).isZero();
		assertThat(run("product-export").prepared()).isZero();
		assertThat(store().writes()).isZero();

		// Marmalades moves from Jams and spreads to Coffee.
		erp.jdbc()
			.update("UPDATE INCategory SET ParentID = 20, LastModifiedDateTime = ? WHERE CompanyID = 2 AND CategoryID = 12",
					Timestamp.valueOf(LocalDateTime.now()));
		RunSummary moved = run("category-export");

		assertThat(moved.updated()).isEqualTo(1);
		Map<String, Map<String, Object>> tree = categoriesByName();
		assertThat(tree.get("Marmalades")).containsEntry("parent_id", tree.get("Coffee").get("id"));
		assertThat(store().requests()).as("a save leaves a category where it is: the move is its own request")
			.anySatisfy(request -> assertThat(request.body()).contains("\"parentId\":"));
	}

	@Test
	void aCategoryTheStoreAlreadyHasUnderThatParentIsAdoptedNotMadeTwice() throws Exception {
		String coffee = store().createCategory("Coffee", 2);

		run("category-export");

		assertThat(store().categories()).filteredOn(category -> "Coffee".equals(category.get("name"))).hasSize(1);
		assertThat(history("category").get("20")).isEqualTo(coffee);
	}

	@Test
	void aSaveWhoseAnswerWasLostIsSavedAgainNotMadeTwiceAndACategoryRemovedInTheErpIsRemoved() throws Exception {
		run("category-export");
		store().failFirst(updating(PRODUCTS), StoreFault.answerAfter(Duration.ofMillis(4_000)));

		RunSummary products = run("product-export");

		assertThat(products.status()).isEqualTo("COMPLETED");
		assertThat(store().products()).as("one product a SKU").hasSize(4);
		assertThat(history("product")).hasSize(4);

		erp.jdbc().update("DELETE FROM INItemCategory WHERE CompanyID = 2 AND InventoryCD = 'COFFEE-HOUSE'");
		erp.jdbc()
			.update("UPDATE InventoryItem SET LastModifiedDateTime = ? WHERE CompanyID = 2 AND InventoryCD = 'COFFEE-HOUSE'",
					Timestamp.valueOf(LocalDateTime.now()));
		run("product-export");

		assertThat(productsBySku().get("COFFEE-HOUSE")).as("out of every category, as in the ERP")
			.containsEntry("extension_attributes", Map.of("category_links", List.of()));
	}

	private RunSummary run(String job) throws Exception {
		return RunSummary.of(jobs.launch(job, Map.of()));
	}

	/** ERP id → Magento id of the entity's PROCESSED records. */
	private Map<String, String> history(String entity) {
		return records.history(storeName(), entity, null)
			.stream()
			.filter(record -> record.status() == SyncStatus.PROCESSED)
			.collect(Collectors.toMap(record -> record.erpId(), record -> record.externalId()));
	}

	private Map<String, Map<String, Object>> categoriesByName() {
		return store().documents(CATEGORIES)
			.stream()
			.collect(Collectors.toMap(category -> (String) category.get("name"), category -> category));
	}

	private Map<String, Map<String, Object>> productsBySku() {
		return store().products()
			.stream()
			.collect(Collectors.toMap(product -> (String) product.get("sku"), product -> product));
	}

}
