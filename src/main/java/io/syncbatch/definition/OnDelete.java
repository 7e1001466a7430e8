package io.syncbatch.definition;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * What happens to the store's record when its ERP record is gone (deleted, or no longer
 * selected by the entity's query): the history records DELETED either way.
 */
public enum OnDelete {

	/**
	 * The store's record stays as it is; the default, since a store may own more of it.
	 */
	KEEP,
	/** The store's record is deleted, where the platform's resource can delete. */
	DELETE;

	/** As definitions write it. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	@JsonCreator
	public static OnDelete parse(String text) {
		return Arrays.stream(values())
			.filter(policy -> policy.label().equalsIgnoreCase(text.trim()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown on-delete '" + text + "'; expected "
					+ Arrays.stream(values()).map(OnDelete::label).collect(Collectors.joining(" or "))));
	}

}
