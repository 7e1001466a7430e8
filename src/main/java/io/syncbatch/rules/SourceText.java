package io.syncbatch.rules;

import org.jspecify.annotations.Nullable;

import io.syncbatch.record.DataRecord;

/** The text a rule maps from, and the one refusal of an empty one it requires. */
final class SourceText {

	private SourceText() {
	}

	/**
	 * @return the column's text, or null when it is empty and not required
	 * @throws RecordRejectedException naming the target and the column when it is empty
	 * and required
	 */
	static @Nullable String of(DataRecord record, String from, String target, boolean required)
			throws RecordRejectedException {
		return required ? required(record, from, target) : record.text(from);
	}

	/**
	 * @throws RecordRejectedException naming the target and the column when it is empty
	 */
	static String required(DataRecord record, String from, String target) throws RecordRejectedException {
		String text = record.text(from);
		if (text == null) {
			throw new RecordRejectedException(target, "is required but " + from + " is empty");
		}
		return text;
	}

}
