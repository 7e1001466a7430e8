package io.syncbatch.erpwrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * How a target names its records: a location is its customer's, keyed by CustomerID and
 * LocationCD, and the generic inquiry names it {@code CustomerID:LocationCD}.
 */
class ErpTargetTest {

	final ErpTarget locations = target(List.of("CustomerID"), "{CustomerID}:{LocationCD}");

	@Test
	void aLocationIsNamedAsTheGenericInquiryNamesItAndFoundAgainFromThatName() {
		Map<String, Object> rowKey = locations.rowKey(Map.of("CustomerID", "EC00004", "City", "Springfield"), "BC1");

		assertThat(rowKey).containsExactly(Map.entry("CustomerID", "EC00004"), Map.entry("LocationCD", "BC1"));
		assertThat(locations.erpIdOf(rowKey)).isEqualTo("EC00004:BC1");
		assertThat(locations.keyOf("EC00004:BC1")).isEqualTo(rowKey);
		assertThat(locations.keyOf("EC00004")).as("no location's name").isNull();
		assertThat(locations.identity(2, rowKey)).containsExactly(Map.entry("CompanyID", 2),
				Map.entry("CustomerID", "EC00004"), Map.entry("LocationCD", "BC1"));
	}

	@Test
	void aRecordWhoseMappingLeavesAKeyColumnEmptyHasNoKey() {
		assertThatThrownBy(() -> locations.rowKey(Map.of("CustomerID", " "), "BC1"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("key column CustomerID is empty");
	}

	@Test
	void keyColumnsNeedAnErpIdNamingEachOfThem() {
		assertThatThrownBy(() -> target(List.of("CustomerID"), null)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("erp-target.erp-id is required with key-columns");
		assertThatThrownBy(() -> target(List.of("CustomerID"), "BC-{LocationCD}"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("erp-target.erp-id: 'BC-{LocationCD}' must name each of key-columns: {CustomerID}");
		assertThatThrownBy(() -> target(List.of("Customer ID"), "{LocationCD}"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("erp-target.key-columns: 'Customer ID' is not a plain column or table name");
	}

	private static ErpTarget target(List<String> keyColumns, @Nullable String erpId) {
		return new ErpTarget("Location", "LocationCD", Map.of(), keyColumns, null, null, null, "LastModifiedDateTime",
				null, Map.of(), true, null, erpId, null);
	}

}
