package io.syncbatch.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.syncbatch.record.DataRecord;

/**
 * The email rule on its own: a malformed address is refused by the rule, naming the field
 * and the value, before any store could be asked.
 */
class EmailRuleTest {

	private final EmailRule rule = new EmailRule("email", "Email");

	private final MappingContext noReferences = new MappingContext() {
		@Override
		public Object boundId(String field, String entity, String erpId) {
			throw new UnsupportedOperationException("the email rule refers to nothing");
		}

		@Override
		public List<DataRecord> childRows(String query, DataRecord parent) {
			throw new UnsupportedOperationException("the email rule reads no lines");
		}

		@Override
		public boolean erpHas(String table, String column, String value) {
			throw new UnsupportedOperationException("the email rule looks nothing up");
		}
	};

	@ParameterizedTest
	@ValueSource(strings = { "a@", "@b.c", "a b@c.d", "a@b", "sales at berrybar", "a@@b.c", "a@b@c.d", "a@b..c",
			"a@b.c.", "a@.b.c", ".a@b.c", "a.@b.c", "a..b@c.d", "a@b .c", "a\t@b.c" })
	void refusesMalformedAddressesNamingFieldAndValue(String malformed) {
		Map<String, Object> payload = new LinkedHashMap<>();

		assertThatThrownBy(() -> rule.apply(noReferences, row(malformed), payload))
			.isInstanceOf(RecordRejectedException.class)
			.hasMessage("email: '" + malformed + "' in Email is not a valid email address");
		assertThat(payload).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "a@b.c", "info@fruitico.example", "first.last+tag@sub.example.co.uk", "o'brien@example.ie",
			"x_y-z@host-name.example" })
	void acceptsWellFormedAddresses(String email) throws Exception {
		Map<String, Object> payload = new LinkedHashMap<>();

		rule.apply(noReferences, row(email), payload);

		assertThat(payload).containsEntry("email", email);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   " })
	void refusesAnEmptyAddressAsMissing(String empty) {
		assertThatThrownBy(() -> rule.apply(noReferences, row(empty), new HashMap<>()))
			.hasMessage("email: an email is required by the store but Email is empty");
	}

	@ParameterizedTest
	@ValueSource(ints = { 256, 300 })
	void refusesAnAddressLongerThanTheStoreKeeps(int length) {
		String tooLong = "a".repeat(length - "@b.example".length()) + "@b.example";

		assertThatThrownBy(() -> rule.apply(noReferences, row(tooLong), new HashMap<>()))
			.hasMessageContaining("is not a valid email address");
	}

	private static DataRecord row(String email) {
		Map<String, Object> fields = new HashMap<>();
		fields.put("Email", email);
		return DataRecord.of(fields);
	}

}
