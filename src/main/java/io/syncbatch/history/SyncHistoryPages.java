package io.syncbatch.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import io.syncbatch.definition.SyncDirection;

/**
 * The sync history of one way a page at a time, for the REST API: a service must not read
 * a million bindings into memory to answer one request. Pages are by the key of the side
 * the way starts from (ERP ids for an export, store ids for an import), and a page goes
 * on after the last key of the one before (keyset, in the database's order), so records
 * that change status between two pages are neither skipped nor repeated by the paging
 * itself. Records wait as prepared in {@code sync_prepared} and are shown PREPARED, as in
 * {@link SyncRecordRepository#history}; records without that key (an import that failed
 * has no ERP id yet) are listed by the other way.
 */
@Repository
public class SyncHistoryPages {

	private final NamedParameterJdbcTemplate named;

	private final SyncScopes scopes;

	private final SyncRecordRepository records;

	private final PreparedRecords prepared;

	public SyncHistoryPages(DataSource syncDataSource, SyncScopes scopes, SyncRecordRepository records,
			PreparedRecords prepared) {
		this.named = new NamedParameterJdbcTemplate(syncDataSource);
		this.scopes = scopes;
		this.records = records;
		this.prepared = prepared;
	}

	/**
	 * A page of records and, when there are more, the key the next page starts after.
	 */
	public record HistoryPage(List<SyncRecord> records, @Nullable String nextAfter) {
	}

	/**
	 * Up to {@code limit} records of one way after {@code afterKey} (from the first when
	 * null), with {@code status} when given.
	 */
	public HistoryPage page(String store, String entity, SyncDirection direction, @Nullable SyncStatus status,
			@Nullable String afterKey, int limit) {
		int scope = scopes.id(store, entity, direction);
		MapSqlParameterSource params = new MapSqlParameterSource("store", store).addValue("entity", entity)
			.addValue("scope", scope)
			.addValue("after", afterKey == null ? "" : afterKey)
			.addValue("status", status == null ? "" : status.name());
		String key = SyncRecordRepository.keyColumn(direction);
		String bound = "SELECT " + key + " AS k FROM sync_record r WHERE store = :store AND entity = :entity AND " + key
				+ " IS NOT NULL AND " + key + " > :after";
		String waiting = "SELECT source_key AS k FROM sync_prepared WHERE scope_id = :scope AND source_key > :after";
		String keys;
		if (status == null) {
			keys = bound + " UNION " + waiting;
		}
		else if (status == SyncStatus.PREPARED) {
			keys = waiting;
		}
		else {
			keys = bound + " AND status = :status AND NOT EXISTS (SELECT 1 FROM sync_prepared p"
					+ " WHERE p.scope_id = :scope AND p.source_key = r." + key + ")";
		}
		// One more than asked, to know whether a next page exists.
		List<String> page = named.queryForList(
				"SELECT k FROM (" + keys + ") page_keys ORDER BY k LIMIT " + (Math.max(1, limit) + 1), params,
				String.class);
		boolean more = page.size() > limit;
		List<String> shown = more ? page.subList(0, limit) : page;
		Map<String, SyncRecord> known = records.byKeys(store, entity, direction, shown);
		Map<String, String> waitingNow = prepared.fingerprints(scope, shown);
		List<SyncRecord> result = new ArrayList<>(shown.size());
		for (String shownKey : shown) {
			SyncRecord record = known.get(shownKey);
			if (waitingNow.containsKey(shownKey)) {
				result.add(record == null
						? SyncRecord.waiting(store, entity, direction, shownKey, waitingNow.get(shownKey))
						: record.waitingAgain(direction));
			}
			else if (record != null) {
				result.add(record);
			}
		}
		// A record may have moved on between the two queries; a page shows what it is
		// now.
		result.removeIf(record -> status != null && record.status() != status);
		return new HistoryPage(List.copyOf(result), more ? shown.get(shown.size() - 1) : null);
	}

}
