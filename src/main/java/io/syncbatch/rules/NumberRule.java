package io.syncbatch.rules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.syncbatch.record.DataRecord;

/**
 * Copies a numeric column as a JSON number (prices, weights, quantities). Text that is
 * not a number rejects the record naming the value, instead of sending a string the store
 * would refuse or, worse, coerce.
 *
 * @param integer send a whole number; a fractional value is rejected rather than silently
 * truncated
 */
public record NumberRule(String target, String from, @Nullable Boolean required,
		@Nullable Boolean integer) implements MappingRule {

	public NumberRule {
		RuleSettings.require("number", "target", target, "from", from);
	}

	@Override
	public void apply(MappingContext context, DataRecord record, Map<String, Object> payload)
			throws RecordRejectedException {
		String text = SourceText.of(record, from, target, Boolean.TRUE.equals(required));
		if (text == null) {
			return;
		}
		BigDecimal number;
		try {
			number = new BigDecimal(text);
		}
		catch (NumberFormatException e) {
			throw new RecordRejectedException(target, from + " '" + text + "' is not a number");
		}
		if (!Boolean.TRUE.equals(integer)) {
			TargetPath.put(payload, target,
					number.stripTrailingZeros().scale() <= 0 ? number.setScale(0) : number.stripTrailingZeros());
			return;
		}
		try {
			TargetPath.put(payload, target, number.longValueExact());
		}
		catch (ArithmeticException e) {
			throw new RecordRejectedException(target, from + " '" + text + "' is not a whole number");
		}
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
