package io.syncbatch.rules;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.syncbatch.record.DataRecord;

/**
 * The store keys customers by email: without a usable one the record is never sent, and
 * the history says why. The check is the shape every address has, not a full RFC 5322
 * parser: one {@code @}, no whitespace, a local part and a domain of at least two labels,
 * neither with an empty part between dots ({@code a..b@c.d}, {@code a@b.c.}). The store
 * has the final word on the rest.
 */
public record EmailRule(String target, String from) implements MappingRule {

	private static final Pattern PLAUSIBLE_EMAIL = Pattern.compile("[^@\\s.]+(\\.[^@\\s.]+)*@[^@\\s.]+(\\.[^@\\s.]+)+");

	private static final int MAX_LENGTH = 255;

	public EmailRule {
		RuleSettings.require("email", "target", target, "from", from);
	}

	@Override
	public void apply(MappingContext context, DataRecord record, Map<String, Object> payload)
			throws RecordRejectedException {
		String email = record.text(from);
		if (email == null) {
			throw new RecordRejectedException(target, "an email is required by the store but " + from + " is empty");
		}
		if (!PLAUSIBLE_EMAIL.matcher(email).matches() || email.length() > MAX_LENGTH) {
			throw new RecordRejectedException(target, "'" + email + "' in " + from + " is not a valid email address");
		}
		TargetPath.put(payload, target, email);
	}

	@Override
	public List<String> targets() {
		return List.of(target);
	}

	@Override
	public List<String> sourceColumns() {
		return List.of(from);
	}
}
