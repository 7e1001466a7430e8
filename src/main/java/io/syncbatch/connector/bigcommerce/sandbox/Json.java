package io.syncbatch.connector.bigcommerce.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Small JSON and formatting helpers the books share. */
final class Json {

	// v2 dates are RFC 2822 with a numeric zone, e.g. "Tue, 05 Mar 2019 21:40:11 +0000",
	// as in the contract.
	private static final DateTimeFormatter V2_DATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private Json() {
	}

	static boolean isArrayOf(JsonNode value, Predicate<JsonNode> itemTest) {
		if (!value.isArray()) {
			return false;
		}
		for (JsonNode item : value) {
			if (!itemTest.test(item)) {
				return false;
			}
		}
		return true;
	}

	static boolean isInt(@Nullable JsonNode value) {
		return value != null && value.isIntegralNumber() && value.canConvertToInt();
	}

	static List<Map<String, Object>> toMaps(JsonMapper mapper, Collection<ObjectNode> nodes) {
		List<Map<String, Object>> result = new ArrayList<>(nodes.size());
		for (ObjectNode node : nodes) {
			result.add(mapper.treeToValue(node, new TypeReference<LinkedHashMap<String, Object>>() {
			}));
		}
		return result;
	}

	/** v3 dates: whole seconds in UTC, e.g. 2024-05-01T10:15:30Z. */
	static String v3Date(Instant instant) {
		return instant.truncatedTo(ChronoUnit.SECONDS).toString();
	}

	static String v2Date(Instant instant) {
		return V2_DATE.format(instant.truncatedTo(ChronoUnit.SECONDS));
	}

	static Instant parseV2Date(String date) {
		return java.time.ZonedDateTime.parse(date, V2_DATE.withZone(null)).toInstant();
	}

	/** v2 money is a string with four decimals, e.g. "10.9800". */
	static String money(BigDecimal amount) {
		return amount.setScale(4, RoundingMode.HALF_UP).toPlainString();
	}

	static BigDecimal decimal(JsonNode value) {
		return value.isString() ? new BigDecimal(value.stringValue()) : value.decimalValue();
	}

}
