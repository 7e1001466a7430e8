package io.syncbatch.pipeline;

import io.syncbatch.definition.PrimarySystem;

/**
 * Both the ERP and the store changed a record of a bidirectional entity since it was last
 * synced: the primary system's version wins and is written to the other side, whose
 * values it replaces are kept.
 *
 * @param winner the primary system, whose version was written
 * @param replaced the other side's values the write replaced, field by field
 * ({@code Phone1 '+1 555 0100' → '+1 555 0199'}); empty when it held the same values
 */
public record Conflict(PrimarySystem winner, String replaced) {

	/** What the history says of it. */
	public String reason(String entity) {
		String loser = winner == PrimarySystem.ERP ? "store" : "ERP";
		return "conflict: the ERP and the store both changed this " + entity + " since the last sync; the "
				+ (winner == PrimarySystem.ERP ? "ERP" : "store") + " (primary) won"
				+ (replaced.isEmpty() ? ", and the " + loser + " already held its values"
						: "; the " + loser + "'s values it replaced: " + replaced);
	}

	Conflict replacing(String values) {
		return new Conflict(winner, values);
	}

}
