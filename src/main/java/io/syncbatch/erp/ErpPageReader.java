package io.syncbatch.erp;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import io.syncbatch.definition.SourceQuery;
import io.syncbatch.record.SourceRecord;

/**
 * Reads the generic inquiry in keyset pages: all rows in key order, or the rows changed
 * since the watermark in (change time, key) order, which walks the change-time index
 * instead of the whole table. The position after the last row handed out is kept in the
 * step's execution context, so a restart resumes there.
 *
 * <p>
 * The change time of the position is bound as text with its fractions: Connector/J rounds
 * date-time parameters to whole seconds on MariaDB 10.x, and a rounded position would
 * read its own second again and again. It is also bound once more as a plain lower bound,
 * so the server can use the index for the range.
 *
 * <p>
 * While a chunk is written, the next page is already being read, mapped and fingerprinted
 * on a thread of the reader's own: reading and writing then take turns on the database
 * and the CPU less. The saved position is still the last row handed out, so a page read
 * ahead and never handed out is read again after a restart.
 */
public final class ErpPageReader implements ItemStreamReader<SourceRecord> {

	private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

	private static final String AFTER_CHANGE = "_syncbatch_after_change";

	private static final String AFTER_KEY = "_syncbatch_after_key";

	private final ErpQueries jdbc;

	private final SourceQuery source;

	private final String from;

	private final List<String> conditions;

	private final Map<String, Object> parameters;

	private final boolean byChangeTime;

	private final int pageSize;

	private final String contextKey;

	private final ErpRowMapper mapper;

	private @Nullable LocalDateTime afterChange;

	private @Nullable String afterKey;

	private Iterator<SourceRecord> page = Collections.emptyIterator();

	private boolean lastPage;

	private @Nullable ExecutorService ahead;

	private @Nullable Future<List<SourceRecord>> nextPage;

	ErpPageReader(ErpQueries jdbc, SourceQuery source, String from, List<String> conditions,
			Map<String, Object> parameters, boolean byChangeTime, int pageSize, String name) {
		this.jdbc = jdbc;
		this.source = source;
		this.from = from;
		this.conditions = List.copyOf(conditions);
		this.parameters = Map.copyOf(parameters);
		this.byChangeTime = byChangeTime;
		this.pageSize = pageSize;
		this.contextKey = name + ".after.";
		this.mapper = new ErpRowMapper(source);
	}

	@Override
	public void open(ExecutionContext context) {
		close();
		afterKey = context.containsKey(contextKey + "key") ? context.getString(contextKey + "key") : null;
		afterChange = context.containsKey(contextKey + "change")
				? LocalDateTime.parse(context.getString(contextKey + "change"), EXACT) : null;
		lastPage = false;
		CustomizableThreadFactory thread = new CustomizableThreadFactory("erp-read-ahead-");
		thread.setDaemon(true);
		ahead = Executors.newSingleThreadExecutor(thread);
	}

	@Override
	public @Nullable SourceRecord read() {
		if (!page.hasNext()) {
			if (lastPage) {
				return null;
			}
			List<SourceRecord> rows = nextPage == null ? pageAfter(afterChange, afterKey) : await(nextPage);
			nextPage = null;
			lastPage = rows.size() < pageSize;
			if (!lastPage) {
				SourceRecord last = rows.get(rows.size() - 1);
				nextPage = Objects.requireNonNull(ahead).submit(() -> pageAfter(last.changedAt(), last.key()));
			}
			page = rows.iterator();
			if (!page.hasNext()) {
				return null;
			}
		}
		SourceRecord row = page.next();
		afterKey = row.key();
		afterChange = row.changedAt();
		return row;
	}

	private static List<SourceRecord> await(Future<List<SourceRecord>> page) {
		try {
			return page.get();
		}
		catch (ExecutionException e) {
			// The query's own exception, as if it had been run here, so a failed run
			// names the same reason.
			throw e.getCause() instanceof RuntimeException cause ? cause
					: new IllegalStateException("reading the next page failed", e.getCause());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while reading the next page", e);
		}
	}

	private List<SourceRecord> pageAfter(@Nullable LocalDateTime afterChange, @Nullable String afterKey) {
		List<String> where = new ArrayList<>(conditions);
		Map<String, Object> values = new HashMap<>(parameters);
		String key = "gi." + source.key();
		String change = "gi." + source.changeColumn();
		if (afterKey != null) {
			values.put(AFTER_KEY, afterKey);
			if (byChangeTime) {
				values.put(AFTER_CHANGE, exact(afterChange));
				where.add(change + " >= :" + AFTER_CHANGE + " AND (" + change + " > :" + AFTER_CHANGE + " OR " + key
						+ " > :" + AFTER_KEY + ")");
			}
			else {
				where.add(key + " > :" + AFTER_KEY);
			}
		}
		String sql = "SELECT * FROM " + from + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
				+ " ORDER BY " + (byChangeTime ? change + ", " : "") + key + " LIMIT " + pageSize;
		return jdbc.query(sql, values, mapper::mapRow);
	}

	private static String exact(@Nullable LocalDateTime changedAt) {
		if (changedAt == null) {
			// The change-time range selects only rows that have one.
			throw new IllegalStateException("a row changed since the watermark has no change time");
		}
		return EXACT.format(changedAt);
	}

	@Override
	public void update(ExecutionContext context) {
		if (afterKey != null) {
			context.putString(contextKey + "key", afterKey);
		}
		if (byChangeTime && afterChange != null) {
			context.putString(contextKey + "change", exact(afterChange));
		}
	}

	@Override
	public void close() {
		page = Collections.emptyIterator();
		nextPage = null;
		if (ahead != null) {
			ahead.shutdownNow();
		}
	}

}
