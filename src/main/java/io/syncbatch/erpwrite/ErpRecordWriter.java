package io.syncbatch.erpwrite;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.syncbatch.history.LastOperation;

/**
 * Writes one imported record into the ERP, in an ERP transaction of its own, exactly
 * once: the store record's binding ({@code BCSyncStatus}) is looked up first and written
 * in the same transaction as a new record, so a record imported again (re-read through
 * the overlap, retried, or restarted after a kill between the ERP's commit and the sync
 * history's) updates the record it made instead of making a second one. An update sets
 * every mapped column, empty ones to NULL: a value cleared in the store is cleared in the
 * ERP.
 * <p>
 * A new record's key is the store's own number when the target keeps it and the store
 * record has one, else the next number of its class's numbering sequence. A key another
 * ERP record has is never taken over: two records are not merged silently.
 */
@Component
public class ErpRecordWriter {

	private final DataSource dataSource;

	private final JdbcTemplate erp;

	private final TransactionTemplate transactions;

	private final NumberingSequences numbering;

	private final Clock clock;

	private final Map<String, ErpColumns> tables = new ConcurrentHashMap<>();

	public ErpRecordWriter(@Qualifier("erpWriteDataSource") DataSource erp, Clock clock) {
		this.dataSource = erp;
		this.erp = new JdbcTemplate(erp);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(erp));
		this.numbering = new NumberingSequences(this.erp);
		this.clock = clock;
	}

	/**
	 * Checks the target against the ERP table it names, so that a misspelt column stops a
	 * launch before anything is read.
	 * @throws IllegalArgumentException naming the field and the table's columns
	 */
	public void check(ErpTarget target) {
		check(target, List.of());
	}

	/**
	 * As {@link #check(ErpTarget)}, and every mapped column is a column of the table.
	 * @throws IllegalArgumentException naming the field and the table's columns
	 */
	public void check(ErpTarget target, Collection<String> mappedColumns) {
		ErpColumns columns = columns(target.table());
		mappedColumns.forEach(columns::requireMapped);
		columns.require(target.key(), "key");
		columns.require(target.changeColumn(), "change-column");
		if (target.classColumn() != null) {
			columns.require(target.classColumn(), "class-column");
		}
		if (target.createdColumn() != null) {
			columns.require(target.createdColumn(), "created-column");
		}
		target.defaults().keySet().forEach(column -> columns.require(column, "defaults"));
		if (target.matchColumn() != null) {
			columns.require(target.matchColumn(), "match-column");
		}
	}

	/**
	 * @throws ErpRecordRefusedException when the ERP cannot take the record as it is,
	 * naming the record and the field
	 */
	public ErpWrite write(ErpTarget target, ImportedRecord record) {
		return write(target, record, new Hooks() {
		});
	}

	/** What the caller adds to a write, inside its ERP transaction. */
	public interface Hooks {

		/**
		 * What the caller reads of the record once it is written (with any JDBC access to
		 * the write pool, which joins the transaction), or null.
		 */
		default @Nullable Object readBack(String localId) {
			return null;
		}

		/**
		 * The store id the sync history binds this ERP record to, or null: a record
		 * matched by the target's match column must not be bound to another store record.
		 */
		default @Nullable String boundInHistory(String localId) {
			return null;
		}

	}

	/**
	 * Writes the record, then, in the same ERP transaction, lets the caller read back
	 * what the ERP now holds for it: exactly this write, whatever an ERP user does once
	 * it commits.
	 * @throws ErpRecordRefusedException when the ERP cannot take the record as it is,
	 * naming the record and the field
	 */
	public ErpWrite write(ErpTarget target, ImportedRecord record, Hooks hooks) {
		ErpColumns columns = columns(target.table());
		check(columns, record);
		try {
			return writeOnce(target, columns, record, hooks);
		}
		catch (DuplicateKeyException importedBeside) {
			// Another import bound the same store record, or took the key, between our
			// look-up and our insert: look again.
			return writeOnce(target, columns, record, hooks);
		}
	}

	/** The ERP write pool, for readers that must see an import's own transaction. */
	public DataSource dataSource() {
		return dataSource;
	}

	private ErpWrite writeOnce(ErpTarget target, ErpColumns columns, ImportedRecord record, Hooks hooks) {
		return Objects.requireNonNull(transactions.execute(status -> {
			LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneId.systemDefault()))
				.truncatedTo(ChronoUnit.MILLIS);
			Optional<String> bound = boundLocalId(record);
			String known = record.knownLocalId();
			if (bound.isPresent() && known != null && !bound.get().equalsIgnoreCase(known)) {
				throw new ErpRecordRefusedException(record.named() + " not imported: the ERP binds it to "
						+ target.table() + " " + bound.get() + " (BCSyncStatus), the sync history to " + known
						+ "; the two are not merged: unbind one of them");
			}
			ErpWrite written = bound.isPresent() ? update(target, record, bound.get(), now, ErpWrite.Found.BOUND_IN_ERP)
					: known != null ? update(target, record, known, now, ErpWrite.Found.BOUND_IN_HISTORY)
							: matchedOrInserted(target, columns, record, now, hooks);
			return new ErpWrite(written.localId(), written.operation(), written.writtenAt(), written.replaced(),
					hooks.readBack(written.localId()), written.found());
		}));
	}

	/**
	 * Sets the columns whose values differ, and the change column with them; a record
	 * that already holds every value is left as it is, so that the engine's own write
	 * coming back changes nothing.
	 * @param found how it was found: unless the ERP's binding found it, that binding is
	 * made now
	 */
	private ErpWrite update(ErpTarget target, ImportedRecord record, String localId, LocalDateTime now,
			ErpWrite.Found found) {
		boolean bind = found != ErpWrite.Found.BOUND_IN_ERP;
		List<String> mapped = new ArrayList<>(record.columns().keySet());
		List<Map<String, Object>> rows = mapped
			.isEmpty()
					? List.of()
					: erp.queryForList(
							"SELECT " + String.join(", ", mapped) + " FROM " + target.table()
									+ " WHERE CompanyID = ? AND " + target.key() + " = ? FOR UPDATE",
							record.companyId(), localId);
		if (rows.isEmpty() && !mapped.isEmpty()) {
			throw new ErpRecordRefusedException(record.named() + " not imported: it is bound to " + target.table() + " "
					+ localId + ", which is no longer in the ERP (deleted there?); "
					+ "restore it or unbind the store record");
		}
		Map<String, Object> current = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		if (!rows.isEmpty()) {
			current.putAll(rows.get(0));
		}
		Map<String, ErpWrite.Change> changes = new LinkedHashMap<>();
		record.columns().forEach((column, value) -> {
			Object after = empty(value) ? null : value;
			Object before = current.get(column);
			if (!same(before, after)) {
				changes.put(column, new ErpWrite.Change(before, after));
			}
		});
		if (bind) {
			erp.update(
					"INSERT INTO BCSyncStatus (CompanyID, StoreName, EntityType, ExternalID, LocalID,"
							+ " LastModifiedDateTime) VALUES (?, ?, ?, ?, ?, ?)",
					record.companyId(), record.store(), record.entity(), record.externalId(), localId, now);
		}
		if (changes.isEmpty()) {
			return new ErpWrite(localId, null, now, Map.of(), null, found);
		}
		List<Object> values = new ArrayList<>();
		StringBuilder set = new StringBuilder();
		changes.forEach((column, change) -> {
			set.append(column).append(" = ?, ");
			values.add(change.after());
		});
		set.append(target.changeColumn()).append(" = ?");
		values.add(now);
		values.add(record.companyId());
		values.add(localId);
		erp.update("UPDATE " + target.table() + " SET " + set + " WHERE CompanyID = ? AND " + target.key() + " = ?",
				values.toArray());
		if (!bind) {
			touchBinding(record, now);
		}
		return new ErpWrite(localId, LastOperation.UPDATED_LOCALLY, now, changes, null, found);
	}

	/**
	 * Whether the ERP's value and the mapped one are the same: both empty, equal numbers
	 * whatever their scale, or equal texts.
	 */
	private static boolean same(@Nullable Object before, @Nullable Object after) {
		if (before == null || after == null || empty(before) || empty(after)) {
			return empty(before) && empty(after);
		}
		BigDecimal one = number(before);
		BigDecimal other = number(after);
		if (one != null && other != null) {
			return one.compareTo(other) == 0;
		}
		return before.toString().equals(after.toString());
	}

	private static @Nullable BigDecimal number(Object value) {
		if (value instanceof BigDecimal decimal) {
			return decimal;
		}
		if (value instanceof Number || value instanceof String) {
			try {
				return new BigDecimal(value.toString().trim());
			}
			catch (NumberFormatException notANumber) {
				return null;
			}
		}
		return null;
	}

	/**
	 * A store record no ERP record is bound to: matched by the target's match column to
	 * the one ERP record with that value that no other store record is bound to, or
	 * inserted. A value two ERP records share, or one of a record bound to another store
	 * record, is refused naming them: records are not merged silently.
	 */
	private ErpWrite matchedOrInserted(ErpTarget target, ErpColumns columns, ImportedRecord record, LocalDateTime now,
			Hooks hooks) {
		String matchColumn = target.matchColumn();
		Object value = matchColumn == null ? null : valueOf(record, matchColumn);
		if (matchColumn == null || value == null || empty(value)) {
			return insert(target, columns, record, now);
		}
		List<String> same = erp.queryForList(
				"SELECT " + target.key() + " FROM " + target.table() + " WHERE CompanyID = ? AND UPPER(" + matchColumn
						+ ") = UPPER(?) ORDER BY " + target.key(),
				String.class, record.companyId(), value.toString().strip());
		if (same.isEmpty()) {
			return insert(target, columns, record, now);
		}
		String found = target.table() + " " + String.join(", ", same);
		if (same.size() > 1) {
			throw new ErpRecordRefusedException(
					record.named() + " not imported: " + same.size() + " ERP records have " + matchColumn + " '" + value
							+ "' (" + found + "); it is bound to none of them, so that none is" + " merged with it");
		}
		String candidate = same.get(0);
		String otherInErp = erp
			.queryForList(
					"SELECT ExternalID FROM BCSyncStatus WHERE CompanyID = ? AND StoreName = ? AND EntityType = ?"
							+ " AND LocalID = ?",
					String.class, record.companyId(), record.store(), record.entity(), candidate)
			.stream()
			.filter(other -> !other.equals(record.externalId()))
			.findFirst()
			.orElse(null);
		String otherInHistory = hooks.boundInHistory(candidate);
		String other = otherInErp != null ? otherInErp
				: otherInHistory != null && !otherInHistory.equals(record.externalId()) ? otherInHistory : null;
		if (other != null) {
			throw new ErpRecordRefusedException(
					record.named() + " not imported: " + found + " has " + matchColumn + " '" + value
							+ "' too, and is bound to the store's " + record.entity() + " " + other + "; not merged");
		}
		return update(target, record, candidate, now, ErpWrite.Found.MATCHED);
	}

	private static @Nullable Object valueOf(ImportedRecord record, String column) {
		return record.columns()
			.entrySet()
			.stream()
			.filter(entry -> entry.getKey().equalsIgnoreCase(column))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
	}

	private ErpWrite insert(ErpTarget target, ErpColumns columns, ImportedRecord record, LocalDateTime now) {
		Map<String, @Nullable Object> row = new LinkedHashMap<>();
		row.put("CompanyID", record.companyId());
		record.columns().forEach((column, value) -> row.put(column, empty(value) ? null : value));
		target.defaults().forEach((column, value) -> {
			if (row.get(column) == null) {
				row.put(column, value);
			}
		});
		String recordClass = null;
		if (target.classColumn() != null) {
			Object given = row.get(target.classColumn());
			recordClass = given == null ? target.recordClass() : given.toString();
			row.put(target.classColumn(), recordClass);
		}
		row.put(target.changeColumn(), now);
		if (target.createdColumn() != null) {
			row.put(target.createdColumn(), now);
		}
		String key = newKey(target, record, recordClass, now);
		row.put(target.key(), key);
		requireValues(columns, record, row);
		List<String> names = new ArrayList<>(row.keySet());
		erp.update("INSERT INTO " + target.table() + " (" + String.join(", ", names) + ") VALUES ("
				+ String.join(", ", names.stream().map(name -> "?").toList()) + ")", row.values().toArray());
		erp.update(
				"INSERT INTO BCSyncStatus (CompanyID, StoreName, EntityType, ExternalID, LocalID,"
						+ " LastModifiedDateTime) VALUES (?, ?, ?, ?, ?, ?)",
				record.companyId(), record.store(), record.entity(), record.externalId(), key, now);
		return new ErpWrite(key, LastOperation.INSERTED_LOCALLY, now, Map.of(), null, ErpWrite.Found.INSERTED);
	}

	private String newKey(ErpTarget target, ImportedRecord record, @Nullable String recordClass, LocalDateTime now) {
		if (target.keepStoreKey() && record.storeKey() != null && !record.storeKey().isBlank()) {
			String key = record.storeKey().strip();
			if (taken(target, record.companyId(), key)) {
				throw new ErpRecordRefusedException(record.named() + " not imported: its store number " + key
						+ " is the key of " + target.table() + " " + key + " in the ERP already, "
						+ boundTo(record, key) + "; the two are not merged");
			}
			return key;
		}
		if (target.classColumn() == null || recordClass == null) {
			throw new ErpRecordRefusedException(record.named() + " not imported: " + target.key()
					+ " is needed and the store record has no number to keep");
		}
		String numberingId = numberingOf(record, target.classColumn(), recordClass);
		// A number an ERP user already gave a record by hand is skipped, not taken over.
		for (int skipped = 0; skipped < 1000; skipped++) {
			String key = numbering.next(record.companyId(), numberingId, now.toLocalDate(), record.named());
			if (!taken(target, record.companyId(), key)) {
				return key;
			}
		}
		throw new ErpRecordRefusedException(record.named() + " not imported: the next 1000 numbers of numbering"
				+ " sequence '" + numberingId + "' are all taken in " + target.table());
	}

	private String numberingOf(ImportedRecord record, String classColumn, String recordClass) {
		List<String> numbering = erp.queryForList(
				"SELECT NumberingID FROM CustomerClass WHERE CompanyID = ? AND CustomerClassID = ?", String.class,
				record.companyId(), recordClass);
		if (numbering.isEmpty() || numbering.get(0) == null) {
			throw new ErpRecordRefusedException(record.named() + " not imported: " + classColumn + " '" + recordClass
					+ "' is " + (numbering.isEmpty() ? "no customer class" : "a class without a numbering sequence")
					+ " in company " + record.companyId());
		}
		return numbering.get(0);
	}

	private boolean taken(ErpTarget target, int companyId, String key) {
		return !erp
			.queryForList("SELECT 1 FROM " + target.table() + " WHERE CompanyID = ? AND " + target.key() + " = ?",
					Integer.class, companyId, key)
			.isEmpty();
	}

	private String boundTo(ImportedRecord record, String localId) {
		List<String> others = erp.queryForList(
				"SELECT ExternalID FROM BCSyncStatus WHERE CompanyID = ? AND StoreName = ? AND EntityType = ?"
						+ " AND LocalID = ?",
				String.class, record.companyId(), record.store(), record.entity(), localId);
		return others.isEmpty() ? "which no store record is bound to"
				: "which is store " + record.entity() + " " + others.get(0) + "'s";
	}

	private Optional<String> boundLocalId(ImportedRecord record) {
		return erp
			.queryForList(
					"SELECT LocalID FROM BCSyncStatus WHERE CompanyID = ? AND StoreName = ? AND EntityType = ?"
							+ " AND ExternalID = ?",
					String.class, record.companyId(), record.store(), record.entity(), record.externalId())
			.stream()
			.findFirst();
	}

	private void touchBinding(ImportedRecord record, LocalDateTime now) {
		erp.update(
				"UPDATE BCSyncStatus SET LastModifiedDateTime = ? WHERE CompanyID = ? AND StoreName = ?"
						+ " AND EntityType = ? AND ExternalID = ?",
				now, record.companyId(), record.store(), record.entity(), record.externalId());
	}

	/**
	 * Every mapped column is a column of the table, and no text is longer than its column
	 * takes.
	 */
	private static void check(ErpColumns columns, ImportedRecord record) {
		record.columns().forEach((name, value) -> {
			ErpColumns.Column column = columns.column(name)
				.orElseThrow(() -> new IllegalArgumentException(
						"mapping target '" + name + "' is not a column of the ERP table the import writes"));
			if (value instanceof String text && column.size() > 0
					&& text.codePointCount(0, text.length()) > column.size()) {
				throw new ErpRecordRefusedException(
						record.named() + " not imported: " + name + " is " + text.codePointCount(0, text.length())
								+ " characters long, and the ERP takes at most " + column.size());
			}
		});
	}

	/** A new row has a value for every column the ERP requires. */
	private static void requireValues(ErpColumns columns, ImportedRecord record, Map<String, @Nullable Object> row) {
		TreeMap<String, @Nullable Object> given = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		given.putAll(row);
		for (ErpColumns.Column column : columns.all()) {
			if (column.required() && empty(given.get(column.name()))) {
				// Named as the mapping spells it; the database may fold the case.
				String named = given.containsKey(column.name()) ? given.ceilingKey(column.name()) : column.name();
				throw new ErpRecordRefusedException(
						record.named() + " not imported: " + named + " is required by the ERP and is empty");
			}
		}
	}

	private static boolean empty(@Nullable Object value) {
		return value == null || (value instanceof String text && text.isBlank());
	}

	private ErpColumns columns(String table) {
		return tables.computeIfAbsent(table, named -> ErpColumns.of(erp, named));
	}

}
