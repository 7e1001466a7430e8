package io.syncbatch.pipeline;

import java.util.Map;

import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.definition.EntityJob;
import io.syncbatch.definition.SyncDirection;

/**
 * Who a sync works for, said once: the entity one way, the store, the values of the
 * definition's query parameters, the job execution that writes the history, and where
 * counts go. A job step builds it from its job parameters; a caller outside a job (a
 * real-time message) builds its own.
 *
 * @param jobExecutionId the execution recorded in the history as the last to touch a
 * record, or null outside a job
 * @param chosen the operator chose these records (batch filters, ids): they are sent even
 * when the other side already has them
 */
public record SyncContext(EntityJob job, String store, Map<String, Object> queryParameters,
		@org.jspecify.annotations.Nullable Long jobExecutionId, Tally tally, boolean chosen) {

	public SyncContext {
		queryParameters = Map.copyOf(queryParameters);
	}

	public EntityDefinition definition() {
		return job.definition();
	}

	public String entity() {
		return job.entity();
	}

	public SyncDirection direction() {
		return job.direction();
	}

}
