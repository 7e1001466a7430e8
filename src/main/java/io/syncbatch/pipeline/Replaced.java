package io.syncbatch.pipeline;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.syncbatch.erpwrite.ErpWrite;
import io.syncbatch.record.DataRecord;

/**
 * The values a write replaced on the side it went to, as a conflict keeps them:
 * {@code phone '+1 555 0100' → '+1 555 0199'; company 'Fruitico' → ''}.
 */
final class Replaced {

	private Replaced() {
	}

	/**
	 * The store's values a payload replaces: each field of the payload (nested objects by
	 * dotted names; lists as a whole) whose value in the store record differs.
	 */
	static String inStore(Map<String, @Nullable Object> payload, DataRecord inStore) {
		List<String> replaced = new ArrayList<>();
		collect("", payload, inStore, replaced);
		return String.join("; ", replaced);
	}

	private static void collect(String prefix, Map<String, @Nullable Object> payload, DataRecord inStore,
			List<String> replaced) {
		payload.forEach((field, value) -> {
			String name = prefix + field;
			if (value instanceof Map<?, ?> nested) {
				@SuppressWarnings("unchecked")
				Map<String, @Nullable Object> object = (Map<String, @Nullable Object>) nested;
				collect(name + ".", object, inStore, replaced);
				return;
			}
			Object before = inStore.value(name);
			if (!same(before, value)) {
				replaced.add(change(name, before, value));
			}
		});
	}

	/** The ERP's values an import replaced, column by column. */
	static String inErp(Map<String, ErpWrite.Change> changes) {
		List<String> replaced = new ArrayList<>();
		changes.forEach((column, change) -> replaced.add(change(column, change.before(), change.after())));
		return String.join("; ", replaced);
	}

	private static String change(String field, @Nullable Object before, @Nullable Object after) {
		return field + " " + quoted(before) + " → " + quoted(after);
	}

	/** The whole value, kept, with control characters written as escapes. */
	private static String quoted(@Nullable Object value) {
		StringBuilder text = new StringBuilder("'");
		(value == null ? "" : value.toString()).codePoints().forEach(c -> {
			if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
				text.append(String.format("\\u%04X", c));
			}
			else {
				text.appendCodePoint(c);
			}
		});
		return text.append('\'').toString();
	}

	private static boolean same(@Nullable Object one, @Nullable Object other) {
		String a = one == null ? "" : one.toString().strip();
		String b = other == null ? "" : other.toString().strip();
		if (a.equals(b)) {
			return true;
		}
		try {
			return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
		}
		catch (NumberFormatException notNumbers) {
			return false;
		}
	}

}
