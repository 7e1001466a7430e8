package io.syncbatch.definition;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * A batch-process filter (Acumatica's "Filter by dates", "Filter by customer classes"…):
 * a job parameter bound into the generic inquiry as {@code column >= value},
 * {@code column <= value} or {@code column IN (values)}.
 *
 * @param parameter the job parameter's name, e.g. {@code customerClasses}
 * @param type how the parameter's text is read; an {@code in} parameter is a
 * comma-separated list
 */
public record BatchFilter(String parameter, String column, Match match, ValueType type) {

	/** Every entity can be processed by ERP id: {@code ids=FRUITICO,JAMIFIQUE}. */
	public static final String IDS = "ids";

	public BatchFilter {
		type = type == null ? ValueType.TEXT : type;
	}

	public enum Match {

		FROM, TO, IN;

		@JsonCreator
		public static Match parse(String text) {
			return Arrays.stream(values())
				.filter(m -> m.name().equalsIgnoreCase(text))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("unknown match '" + text + "'; expected one of "
						+ Arrays.stream(values())
							.map(m -> m.name().toLowerCase(Locale.ROOT))
							.collect(Collectors.joining(", "))));
		}

	}

	public enum ValueType {

		TEXT, NUMBER, DATE;

		@JsonCreator
		public static ValueType parse(String text) {
			return Arrays.stream(values())
				.filter(t -> t.name().equalsIgnoreCase(text))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("unknown type '" + text + "'; expected one of "
						+ Arrays.stream(values())
							.map(t -> t.name().toLowerCase(Locale.ROOT))
							.collect(Collectors.joining(", "))));
		}

	}
}
