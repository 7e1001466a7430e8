package io.syncbatch.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.syncbatch.record.DataRecord;

/** Every condition of a filtering row, against text, number and date-time columns. */
class RecordFilterTest {

	private static final DataRecord ROW = row(Map.of("Class", "COMMERCEBB", "Name", "Fruitico Coffee", "Balance",
			new BigDecimal("9.50"), "Modified", LocalDateTime.of(2026, 10, 2, 10, 0), "Blank", "  "));

	@ParameterizedTest(name = "{0} {1} {2} {3} -> {4}")
	@CsvSource(nullValues = "null",
			value = { "Class,    Equals,      commercebb,          null, true",
					"Class,    Equals,      ECCUSTOMER,          null, false",
					"Class,    NotEquals,   ECCUSTOMER,          null, true",
					"Missing,  NotEquals,   ECCUSTOMER,          null, true",
					"Blank,    IsEmpty,     null,                null, true",
					"Name,     IsEmpty,     null,                null, false",
					"Blank,    IsNotEmpty,  null,                null, false",
					"Class,    In,          'DEFAULT, COMMERCEBB', null, true",
					"Class,    In,          'DEFAULT, INTL',     null, false",
					"Name,     Contains,    coffee,              null, true",
					"Name,     StartsWith,  Fruit,               null, true",
					"Name,     StartsWith,  Coffee,              null, false",
					"Balance,  GreaterThan, 10,                  null, false",
					"Balance,  GreaterThan, 9,                   null, true",
					"Balance,  LessThan,    10,                  null, true",
					"Modified, GreaterThan, 2026-10-01,          null, true",
					"Modified, LessThan,    2026-10-02T09:59,    null, false",
					"Modified, Between,     2026-10-01,          2026-10-03, true",
					"Balance,  Between,     1,                   9,    false" })
	void conditionHolds(String field, String condition, String value, String value2, boolean holds) {
		FilterCondition row = new FilterCondition(true, field, Condition.parse(condition), value, value2);

		assertThat(RecordFilter.holds(row, ROW)).isEqualTo(holds);
	}

	@ParameterizedTest
	@CsvSource({ "IsNotEmpty", "Is Not Empty", "is-not-empty", "IS_NOT_EMPTY" })
	void conditionsAreReadAsOperatorsWriteThem(String text) {
		assertThat(Condition.parse(text)).isEqualTo(Condition.IS_NOT_EMPTY);
	}

	@ParameterizedTest
	@CsvSource({ "false, true", "true, false" })
	void onlyActiveConditionsCount(boolean active, boolean passes) {
		RecordFilter filter = new RecordFilter(
				List.of(new FilterCondition(active, "Class", Condition.EQUALS, "ECCUSTOMER", null)));

		assertThat(filter.firstUnmet(ROW).isEmpty()).isEqualTo(passes);
	}

	private static DataRecord row(Map<String, Object> values) {
		return DataRecord.of(values);
	}

}
