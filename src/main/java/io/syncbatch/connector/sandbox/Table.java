package io.syncbatch.connector.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.node.ObjectNode;

/**
 * The rows of one resource, keyed by id, and the id the next row gets.
 *
 * <p>
 * Rows are never mutated once stored: a change replaces a row with an edited deep copy.
 * That is what lets {@link StoreData} hand a transaction a shallow copy of the map and
 * throw it away if the change is refused.
 */
public final class Table {

	private final TreeMap<Integer, ObjectNode> rows;

	private final boolean writable;

	private int nextId;

	private Table(TreeMap<Integer, ObjectNode> rows, int nextId, boolean writable) {
		this.rows = rows;
		this.nextId = nextId;
		this.writable = writable;
	}

	public static Table empty() {
		return new Table(new TreeMap<>(), 1, false);
	}

	public static Table of(TreeMap<Integer, ObjectNode> rows, int nextId) {
		int afterHighest = rows.isEmpty() ? 1 : rows.lastKey() + 1;
		return new Table(rows, Math.max(nextId, afterHighest), false);
	}

	/** A copy a transaction may change; this table itself stays as it is. */
	public Table workingCopy() {
		return new Table(new TreeMap<>(rows), nextId, true);
	}

	/** The published form of a working copy. */
	public Table published() {
		return new Table(rows, nextId, false);
	}

	public @Nullable ObjectNode get(int id) {
		return rows.get(id);
	}

	public boolean contains(int id) {
		return rows.containsKey(id);
	}

	/**
	 * Every row in id order; the nodes are the stored ones, so callers copy before
	 * handing them out.
	 */
	public List<ObjectNode> rows() {
		return new ArrayList<>(rows.values());
	}

	public int nextId() {
		return nextId;
	}

	public int allocateId() {
		requireWritable();
		return nextId++;
	}

	public void put(ObjectNode row) {
		requireWritable();
		rows.put(row.get("id").intValue(), row);
	}

	public void remove(int id) {
		requireWritable();
		rows.remove(id);
	}

	private void requireWritable() {
		if (!writable) {
			throw new IllegalStateException("a published table is read-only; change it inside StoreData.write");
		}
	}

}
