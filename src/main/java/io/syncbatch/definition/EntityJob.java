package io.syncbatch.definition;

/**
 * One job a definition provides: its entity one way, named {@code <entity>-<direction>}
 * ({@code customer-export}).
 *
 * @param direction {@link SyncDirection#EXPORT} or {@link SyncDirection#IMPORT}, never
 * bidirectional
 */
public record EntityJob(EntityDefinition definition, SyncDirection direction) {

	public EntityJob {
		if (direction == SyncDirection.BIDIRECTIONAL) {
			throw new IllegalArgumentException("a job runs one way; a bidirectional entity has two jobs");
		}
	}

	public String name() {
		return definition.entity() + "-" + direction.label();
	}

	public String entity() {
		return definition.entity();
	}

	/**
	 * How its records are named: {@code ERP id} for an export, {@code store id} for an
	 * import.
	 */
	public String keyName() {
		return direction == SyncDirection.IMPORT ? "store id" : "ERP id";
	}

}
