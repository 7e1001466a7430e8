package io.syncbatch.rules;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.syncbatch.record.DataRecord;
import io.syncbatch.record.Whitespace;

/**
 * First and last name as the walkthrough shows: the primary contact's name when it has
 * both parts, otherwise the account name split into its first word and the rest
 * ("Fruitico" / "Coffee and Cakes"). A one-word account name fills both, because the
 * store requires a non-empty last name. Inner runs of whitespace become one space.
 */
public record NameFallbackRule(String firstNameTarget, String lastNameTarget, String contactFirstName,
		String contactLastName, String accountName, @Nullable Integer maxLength) implements MappingRule {

	private static final int STORE_NAME_LIMIT = 100;

	public NameFallbackRule {
		RuleSettings.require("name-fallback", "first-name-target", firstNameTarget, "last-name-target", lastNameTarget,
				"contact-first-name", contactFirstName, "contact-last-name", contactLastName, "account-name",
				accountName);
	}

	@Override
	public void apply(MappingContext context, DataRecord record, Map<String, Object> payload)
			throws RecordRejectedException {
		String first = collapsed(record.text(contactFirstName));
		String last = collapsed(record.text(contactLastName));
		if (first == null || last == null) {
			String account = collapsed(record.text(accountName));
			if (account == null) {
				throw new RecordRejectedException(lastNameTarget,
						"no primary contact name and " + accountName + " is empty, so there is no name to send");
			}
			String[] words = account.split(" ", 2);
			first = words[0];
			last = words.length > 1 ? words[1] : words[0];
		}
		TargetPath.put(payload, firstNameTarget, checked(firstNameTarget, first));
		TargetPath.put(payload, lastNameTarget, checked(lastNameTarget, last));
	}

	private static @Nullable String collapsed(@Nullable String text) {
		return text == null ? null : Whitespace.collapsed(text);
	}

	private String checked(String field, String value) throws RecordRejectedException {
		int limit = maxLength == null ? STORE_NAME_LIMIT : maxLength;
		if (value.length() > limit) {
			throw new RecordRejectedException(field, "'" + value + "' is longer than " + limit + " characters");
		}
		return value;
	}

	@Override
	public List<String> targets() {
		return List.of(firstNameTarget, lastNameTarget);
	}

	@Override
	public List<String> sourceColumns() {
		return List.of(contactFirstName, contactLastName, accountName);
	}
}
