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
import org.springframework.util.LinkedCaseInsensitiveMap;

import io.syncbatch.history.LastOperation;

/**
 * Writes one imported record into the ERP, in an ERP transaction of its own, exactly
 * once: the store record's binding ({@code BCSyncStatus}) is looked up first and written
 * in the same transaction as a new record, so a record imported again (re-read through
 * the overlap, retried, or restarted after a kill between the ERP's commit and the sync
 * history's) updates the record it made instead of making a second one. An update sets
 * the mapped columns whose values differ, empty ones to NULL: a value cleared in the
 * store is cleared in the ERP; a record that holds every value is not written. A record's
 * lines (a sales order's) are replaced as a whole when any differs.
 * <p>
 * A new record's key is the store's own number when the target keeps it and the store
 * record has one, else the next number of its class's (or the target's) numbering
 * sequence. A key another ERP record has is never taken over: two records are not merged
 * silently.
 * <p>
 * Records are named to callers (and in {@code BCSyncStatus}) as the entity's generic
 * inquiry names them ({@link ErpTarget#erpIdOf}), and found by their table key.
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
	 * As {@link #check(ErpTarget)}, and every mapped column is a column of the table (or,
	 * for the lines' field, the lines' table).
	 * @throws IllegalArgumentException naming the field and the table's columns
	 */
	public void check(ErpTarget target, Collection<String> mappedColumns) {
		ErpColumns columns = columns(target.table());
		ErpTarget.ErpLines lines = target.lines();
		mappedColumns.stream()
			.filter(column -> lines == null || !column.equals(lines.from()))
			.forEach(columns::requireMapped);
		columns.require(target.key(), "key");
		columns.require(target.changeColumn(), "change-column");
		target.keyValues().keySet().forEach(column -> columns.require(column, "key-values"));
		target.keyColumns().forEach(column -> columns.require(column, "key-columns"));
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
		if (lines != null) {
			ErpColumns lineColumns = columns(lines.table());
			lineColumns.require(lines.numberColumn(), "lines.number-column");
			target.identityColumns().forEach(column -> lineColumns.require(column, "key (of the lines)"));
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
		 * @param localId the record as the entity's generic inquiry names it
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
		Written written = new Written(target, record, columns(target.table()),
				target.lines() == null ? null : columns(target.lines().table()));
		written.check();
		try {
			return writeOnce(written, hooks);
		}
		catch (DuplicateKeyException importedBeside) {
			// Another import bound the same store record, or took the key, between our
			// look-up and our insert: look again.
			return writeOnce(written, hooks);
		}
	}

	/** The ERP write pool, for readers that must see an import's own transaction. */
	public DataSource dataSource() {
		return dataSource;
	}

	private ErpWrite writeOnce(Written written, Hooks hooks) {
		ErpTarget target = written.target();
		ImportedRecord record = written.record();
		return Objects.requireNonNull(transactions.execute(status -> {
			LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneId.systemDefault()))
				.truncatedTo(ChronoUnit.MILLIS);
			Map<String, Object> bound = boundKey(written);
			Map<String, Object> known = null;
			if (record.knownLocalId() != null) {
				known = target.keyOf(record.knownLocalId());
				if (known == null) {
					throw new ErpRecordRefusedException(record.named() + " not imported: the sync history binds it to "
							+ record.knownLocalId() + ", which is no " + target.table() + " this import writes");
				}
			}
			if (bound != null && known != null && !target.erpIdOf(bound).equalsIgnoreCase(record.knownLocalId())) {
				throw new ErpRecordRefusedException(record.named() + " not imported: the ERP binds it to "
						+ target.table() + " " + target.erpIdOf(bound) + " (BCSyncStatus), the sync history to "
						+ record.knownLocalId() + "; the two are not merged: unbind one of them");
			}
			Row row = bound != null ? update(written, bound, now, ErpWrite.Found.BOUND_IN_ERP)
					: known != null ? update(written, known, now, ErpWrite.Found.BOUND_IN_HISTORY)
							: matchedOrInserted(written, now, hooks);
			String localId = target.erpIdOf(row.key());
			return new ErpWrite(localId, row.operation(), now, row.replaced(), hooks.readBack(localId), row.found());
		}));
	}

	/** What a write did to the record whose key this is. */
	private record Row(Map<String, Object> key, @Nullable LastOperation operation,
			Map<String, ErpWrite.Change> replaced, ErpWrite.Found found) {
	}

	/**
	 * Sets the columns whose values differ, and the change column with them, and replaces
	 * the lines when any differs; a record that already holds every value is left as it
	 * is, so that the engine's own write coming back changes nothing.
	 * @param found how it was found: unless the ERP's binding found it, that binding is
	 * made now
	 */
	private Row update(Written written, Map<String, Object> key, LocalDateTime now, ErpWrite.Found found) {
		ErpTarget target = written.target();
		ImportedRecord record = written.record();
		Map<String, Object> identity = target.identity(record.companyId(), key);
		Map<String, @Nullable Object> updated = written.updatedColumns();
		List<String> mapped = new ArrayList<>(updated.keySet());
		// Locked, so that what is compared is what is replaced.
		List<Map<String, Object>> rows = erp
			.queryForList(
					"SELECT " + (mapped.isEmpty() ? target.key() : String.join(", ", mapped)) + " FROM "
							+ target.table() + " WHERE " + where(identity) + " FOR UPDATE",
					identity.values().toArray());
		if (rows.isEmpty()) {
			throw new ErpRecordRefusedException(record.named() + " not imported: it is bound to " + target.table() + " "
					+ target.erpIdOf(key) + ", which is no longer in the ERP (deleted there?); "
					+ "restore it or unbind the store record");
		}
		Map<String, Object> current = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		current.putAll(rows.get(0));
		Map<String, ErpWrite.Change> changes = new LinkedHashMap<>();
		updated.forEach((column, value) -> {
			Object after = empty(value) ? null : value;
			Object before = current.get(column);
			if (!same(before, after)) {
				changes.put(column, new ErpWrite.Change(before, after));
			}
		});
		for (String column : target.keyColumns()) {
			ErpWrite.Change moved = changes.get(column);
			if (moved != null) {
				throw new ErpRecordRefusedException(record.named() + " not imported: it moved from " + column + " "
						+ moved.before() + " to " + moved.after() + ", and " + target.table() + " "
						+ target.erpIdOf(key) + " is not moved with it; unbind it to import it anew");
			}
		}
		ErpWrite.Change lines = replaceLines(written, identity, false);
		if (lines != null) {
			changes.put(Objects.requireNonNull(target.lines()).from(), lines);
		}
		if (found != ErpWrite.Found.BOUND_IN_ERP) {
			bind(written, key, now);
		}
		if (changes.isEmpty()) {
			return new Row(key, null, Map.of(), found);
		}
		List<Object> values = new ArrayList<>();
		StringBuilder set = new StringBuilder();
		changes.forEach((column, change) -> {
			if (lines == null || !column.equals(Objects.requireNonNull(target.lines()).from())) {
				set.append(column).append(" = ?, ");
				values.add(change.after());
			}
		});
		set.append(target.changeColumn()).append(" = ?");
		values.add(now);
		values.addAll(identity.values());
		erp.update("UPDATE " + target.table() + " SET " + set + " WHERE " + where(identity), values.toArray());
		if (found == ErpWrite.Found.BOUND_IN_ERP) {
			touchBinding(record, now);
		}
		return new Row(key, LastOperation.UPDATED_LOCALLY, changes, found);
	}

	/**
	 * Writes the record's lines when they differ from the ERP's (all of them, numbered
	 * from 1 in the mapped order, after deleting the ones there), or nothing.
	 * @param fresh the record was just inserted and has none yet
	 * @return the lines before and after, or null when they were the same
	 */
	private ErpWrite.@Nullable Change replaceLines(Written written, Map<String, Object> identity, boolean fresh) {
		ErpTarget.ErpLines lines = written.target().lines();
		if (lines == null) {
			return null;
		}
		List<Map<String, @Nullable Object>> wanted = written.lines();
		List<Map<String, Object>> current = fresh ? List.of() : erp.queryForList(
				"SELECT * FROM " + lines.table() + " WHERE " + where(identity) + " ORDER BY " + lines.numberColumn(),
				identity.values().toArray());
		if (sameLines(current, wanted)) {
			return null;
		}
		erp.update("DELETE FROM " + lines.table() + " WHERE " + where(identity), identity.values().toArray());
		for (int i = 0; i < wanted.size(); i++) {
			Map<String, @Nullable Object> row = new LinkedHashMap<>(identity);
			row.put(lines.numberColumn(), i + 1);
			wanted.get(i).forEach((column, value) -> row.put(column, empty(value) ? null : value));
			insertRow(lines.table(), row);
		}
		return new ErpWrite.Change(describe(current, wanted), describe(wanted, wanted));
	}

	private static boolean sameLines(List<Map<String, Object>> current, List<Map<String, @Nullable Object>> wanted) {
		if (current.size() != wanted.size()) {
			return false;
		}
		for (int i = 0; i < wanted.size(); i++) {
			Map<String, Object> there = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			there.putAll(current.get(i));
			for (Map.Entry<String, @Nullable Object> column : wanted.get(i).entrySet()) {
				if (!same(there.get(column.getKey()), empty(column.getValue()) ? null : column.getValue())) {
					return false;
				}
			}
		}
		return true;
	}

	/** Lines as the history keeps them: the mapped columns of each, in order. */
	private static String describe(List<? extends Map<String, ?>> lines, List<Map<String, @Nullable Object>> mapped) {
		List<String> columns = mapped.isEmpty() ? List.of() : new ArrayList<>(mapped.get(0).keySet());
		List<String> shown = new ArrayList<>();
		for (Map<String, ?> line : lines) {
			Map<String, Object> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			line.forEach((name, value) -> {
				if (value != null) {
					byName.put(name, value);
				}
			});
			shown
				.add("[" + String.join(", ", columns.stream().map(column -> column + " " + byName.get(column)).toList())
						+ "]");
		}
		return lines.size() + " line(s) " + String.join(" ", shown);
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
		return text(before).equals(text(after));
	}

	/** Dates as the ERP's columns and the mapping rules both write them. */
	private static String text(Object value) {
		if (value instanceof java.sql.Date date) {
			return date.toLocalDate().toString();
		}
		if (value instanceof java.sql.Timestamp timestamp) {
			return timestamp.toLocalDateTime().toString();
		}
		return value.toString();
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
	private Row matchedOrInserted(Written written, LocalDateTime now, Hooks hooks) {
		ErpTarget target = written.target();
		ImportedRecord record = written.record();
		String matchColumn = target.matchColumn();
		Object value = matchColumn == null ? null : written.columns().get(matchColumn);
		if (matchColumn == null || value == null || empty(value)) {
			return insert(written, now);
		}
		// Matched among the records of the same key columns (a customer's locations).
		Map<String, Object> fixed = target.identity(record.companyId(), written.rowKey(""));
		fixed.remove(target.key());
		List<Object> arguments = new ArrayList<>(fixed.values());
		arguments.add(value.toString().strip());
		List<String> same = erp.queryForList("SELECT " + target.key() + " FROM " + target.table() + " WHERE "
				+ where(fixed) + " AND UPPER(" + matchColumn + ") = UPPER(?) ORDER BY " + target.key(), String.class,
				arguments.toArray());
		if (same.isEmpty()) {
			return insert(written, now);
		}
		String found = target.table() + " "
				+ String.join(", ", same.stream().map(key -> target.erpIdOf(written.rowKey(key))).toList());
		if (same.size() > 1) {
			throw new ErpRecordRefusedException(
					record.named() + " not imported: " + same.size() + " ERP records have " + matchColumn + " '" + value
							+ "' (" + found + "); it is bound to none of them, so that none is" + " merged with it");
		}
		Map<String, Object> candidate = written.rowKey(same.get(0));
		String otherInErp = erp
			.queryForList(
					"SELECT ExternalID FROM BCSyncStatus WHERE CompanyID = ? AND StoreName = ? AND EntityType = ?"
							+ " AND LocalID = ?",
					String.class, record.companyId(), record.store(), record.entity(), target.erpIdOf(candidate))
			.stream()
			.filter(other -> !other.equals(record.externalId()))
			.findFirst()
			.orElse(null);
		String otherInHistory = hooks.boundInHistory(target.erpIdOf(candidate));
		String other = otherInErp != null ? otherInErp
				: otherInHistory != null && !otherInHistory.equals(record.externalId()) ? otherInHistory : null;
		if (other != null) {
			throw new ErpRecordRefusedException(
					record.named() + " not imported: " + found + " has " + matchColumn + " '" + value
							+ "' too, and is bound to the store's " + record.entity() + " " + other + "; not merged");
		}
		return update(written, candidate, now, ErpWrite.Found.MATCHED);
	}

	private Row insert(Written written, LocalDateTime now) {
		ErpTarget target = written.target();
		ImportedRecord record = written.record();
		Map<String, @Nullable Object> row = new LinkedHashMap<>();
		row.put("CompanyID", record.companyId());
		row.putAll(target.keyValues());
		written.columns().forEach((column, value) -> row.put(column, empty(value) ? null : value));
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
		Map<String, Object> key = written.rowKey(newKey(written, recordClass, now));
		row.put(target.key(), key.get(target.key()));
		requireValues(written.tableColumns(), record, row, "");
		insertRow(target.table(), row);
		replaceLines(written, target.identity(record.companyId(), key), true);
		bind(written, key, now);
		return new Row(key, LastOperation.INSERTED_LOCALLY, Map.of(), ErpWrite.Found.INSERTED);
	}

	private void insertRow(String table, Map<String, @Nullable Object> row) {
		List<String> names = new ArrayList<>(row.keySet());
		erp.update("INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
				+ String.join(", ", names.stream().map(name -> "?").toList()) + ")", row.values().toArray());
	}

	private void bind(Written written, Map<String, Object> key, LocalDateTime now) {
		ImportedRecord record = written.record();
		erp.update(
				"INSERT INTO BCSyncStatus (CompanyID, StoreName, EntityType, ExternalID, LocalID,"
						+ " LastModifiedDateTime) VALUES (?, ?, ?, ?, ?, ?)",
				record.companyId(), record.store(), record.entity(), record.externalId(), written.target().erpIdOf(key),
				now);
	}

	private String newKey(Written written, @Nullable String recordClass, LocalDateTime now) {
		ErpTarget target = written.target();
		ImportedRecord record = written.record();
		if (target.keepStoreKey() && record.storeKey() != null && !record.storeKey().isBlank()) {
			String key = record.storeKey().strip();
			Map<String, Object> rowKey = written.rowKey(key);
			if (taken(written, rowKey)) {
				throw new ErpRecordRefusedException(record.named() + " not imported: its store number " + key
						+ " is the key of " + target.table() + " " + target.erpIdOf(rowKey) + " in the ERP already, "
						+ boundTo(written, rowKey) + "; the two are not merged");
			}
			return key;
		}
		String numberingId;
		if (target.classColumn() != null && recordClass != null) {
			numberingId = numberingOf(record, target.classColumn(), recordClass);
		}
		else if (target.numbering() != null) {
			numberingId = target.numbering();
		}
		else {
			throw new ErpRecordRefusedException(record.named() + " not imported: " + target.key()
					+ " is needed and the store record has no number to keep");
		}
		// A number an ERP user already gave a record by hand is skipped, not taken over.
		for (int skipped = 0; skipped < 1000; skipped++) {
			String key = numbering.next(record.companyId(), numberingId, now.toLocalDate(), record.named());
			if (!taken(written, written.rowKey(key))) {
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

	private boolean taken(Written written, Map<String, Object> key) {
		ErpTarget target = written.target();
		Map<String, Object> identity = target.identity(written.record().companyId(), key);
		return !erp
			.queryForList("SELECT 1 FROM " + target.table() + " WHERE " + where(identity), Integer.class,
					identity.values().toArray())
			.isEmpty();
	}

	private String boundTo(Written written, Map<String, Object> key) {
		ImportedRecord record = written.record();
		List<String> others = erp.queryForList(
				"SELECT ExternalID FROM BCSyncStatus WHERE CompanyID = ? AND StoreName = ? AND EntityType = ?"
						+ " AND LocalID = ?",
				String.class, record.companyId(), record.store(), record.entity(), written.target().erpIdOf(key));
		return others.isEmpty() ? "which no store record is bound to"
				: "which is store " + record.entity() + " " + others.get(0) + "'s";
	}

	/**
	 * The key of the ERP record the ERP binds the store record to, or null.
	 * @throws ErpRecordRefusedException when the binding names no record of this target
	 */
	private @Nullable Map<String, Object> boundKey(Written written) {
		ImportedRecord record = written.record();
		String bound = erp
			.queryForList(
					"SELECT LocalID FROM BCSyncStatus WHERE CompanyID = ? AND StoreName = ? AND EntityType = ?"
							+ " AND ExternalID = ?",
					String.class, record.companyId(), record.store(), record.entity(), record.externalId())
			.stream()
			.findFirst()
			.orElse(null);
		if (bound == null) {
			return null;
		}
		Map<String, Object> key = written.target().keyOf(bound);
		if (key == null) {
			throw new ErpRecordRefusedException(record.named() + " not imported: the ERP binds it to " + bound
					+ " (BCSyncStatus), which is no " + written.target().table() + " this import writes");
		}
		return key;
	}

	private void touchBinding(ImportedRecord record, LocalDateTime now) {
		erp.update(
				"UPDATE BCSyncStatus SET LastModifiedDateTime = ? WHERE CompanyID = ? AND StoreName = ?"
						+ " AND EntityType = ? AND ExternalID = ?",
				now, record.companyId(), record.store(), record.entity(), record.externalId());
	}

	/**
	 * {@code A = ? AND B = ?} for these columns, whose values are bound in this order.
	 */
	private static String where(Map<String, Object> columns) {
		return String.join(" AND ", columns.keySet().stream().map(column -> column + " = ?").toList());
	}

	/**
	 * One record on its way: its parent columns (without the lines' field) and its lines,
	 * with the tables' columns to check them against.
	 */
	private record Written(ErpTarget target, ImportedRecord record, ErpColumns tableColumns,
			@Nullable ErpColumns lineColumns) {

		/** The parent's mapped columns, by name, ignoring case. */
		Map<String, @Nullable Object> columns() {
			Map<String, @Nullable Object> columns = new LinkedCaseInsensitiveMap<>();
			ErpTarget.ErpLines lines = target.lines();
			record.columns().forEach((name, value) -> {
				if (lines == null || !name.equals(lines.from())) {
					columns.put(name, value);
				}
			});
			return columns;
		}

		/**
		 * The columns an existing record gets: all but those written only into a new one.
		 */
		Map<String, @Nullable Object> updatedColumns() {
			Map<String, @Nullable Object> updated = columns();
			record.insertOnly().forEach(updated::remove);
			return updated;
		}

		/**
		 * The row key of the record whose key column has this value: the key columns'
		 * values the mapping gave, then this one.
		 * @throws ErpRecordRefusedException when the mapping gave a key column no value
		 */
		Map<String, Object> rowKey(String keyValue) {
			try {
				return target.rowKey(columns(), keyValue);
			}
			catch (IllegalArgumentException empty) {
				throw new ErpRecordRefusedException(record.named() + " not imported: " + empty.getMessage());
			}
		}

		/** The mapped lines, each its columns. */
		@SuppressWarnings("unchecked")
		List<Map<String, @Nullable Object>> lines() {
			ErpTarget.ErpLines lines = target.lines();
			Object given = lines == null ? null : record.columns().get(lines.from());
			if (given == null) {
				return List.of();
			}
			if (!(given instanceof List<?> list)) {
				throw new IllegalArgumentException("mapping target '" + Objects.requireNonNull(lines).from()
						+ "' holds " + given.getClass().getSimpleName() + ", not the list of lines erp-target.lines"
						+ " says it is");
			}
			List<Map<String, @Nullable Object>> each = new ArrayList<>();
			for (Object line : list) {
				each.add(new LinkedCaseInsensitiveMap<>());
				each.get(each.size() - 1).putAll((Map<String, @Nullable Object>) line);
			}
			return each;
		}

		/**
		 * Every mapped column is a column of its table, no text is longer than its column
		 * takes, and every line has what its table requires.
		 */
		void check() {
			checkColumns(tableColumns, record, columns(), "");
			ErpTarget.ErpLines lines = target.lines();
			if (lines == null || lineColumns == null) {
				return;
			}
			List<Map<String, @Nullable Object>> all = lines();
			for (int i = 0; i < all.size(); i++) {
				String at = lines.from() + "[" + i + "].";
				checkColumns(lineColumns, record, all.get(i), at);
				Map<String, @Nullable Object> complete = new LinkedHashMap<>();
				target.identityColumns().forEach(column -> complete.put(column, "?"));
				complete.put(lines.numberColumn(), i + 1);
				complete.putAll(all.get(i));
				requireValues(lineColumns, record, complete, at);
			}
		}

	}

	private static void checkColumns(ErpColumns columns, ImportedRecord record, Map<String, @Nullable Object> values,
			String at) {
		values.forEach((name, value) -> {
			ErpColumns.Column column = columns.column(name)
				.orElseThrow(() -> new IllegalArgumentException(
						"mapping target '" + at + name + "' is not a column of the ERP table the import writes"));
			if (value instanceof String text && column.size() > 0
					&& text.codePointCount(0, text.length()) > column.size()) {
				throw new ErpRecordRefusedException(
						record.named() + " not imported: " + at + name + " is " + text.codePointCount(0, text.length())
								+ " characters long, and the ERP takes at most " + column.size());
			}
		});
	}

	/** A new row has a value for every column the ERP requires. */
	private static void requireValues(ErpColumns columns, ImportedRecord record, Map<String, @Nullable Object> row,
			String at) {
		TreeMap<String, @Nullable Object> given = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		given.putAll(row);
		for (ErpColumns.Column column : columns.all()) {
			if (column.required() && empty(given.get(column.name()))) {
				// Named as the mapping spells it; the database may fold the case.
				String named = given.containsKey(column.name()) ? given.ceilingKey(column.name()) : column.name();
				throw new ErpRecordRefusedException(
						record.named() + " not imported: " + at + named + " is required by the ERP and is empty");
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
