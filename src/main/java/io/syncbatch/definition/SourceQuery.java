package io.syncbatch.definition;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The ERP side of a definition, like an Acumatica generic inquiry.
 *
 * @param query a plain SELECT that may use named parameters ({@code :companyId})
 * @param parameters default values of those named parameters
 * @param key the column that identifies a record in the ERP (the sync record's ERP id)
 * @param description the column shown beside the key in the sync history
 * @param changeColumn a date-time column that moves whenever the record changes (the
 * incremental watermark)
 * @param inquiry the name of the generic inquiry in the ERP whose push notifications
 * announce this entity's changes (their {@code Query}); by default
 * {@code syncbatch-<entity>}
 */
public record SourceQuery(String query, Map<String, Object> parameters, String key, @Nullable String description,
		String changeColumn, @Nullable String inquiry) {

	public SourceQuery {
		parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
	}
}
