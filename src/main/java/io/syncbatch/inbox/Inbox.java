package io.syncbatch.inbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.syncbatch.secrets.Secrets;

/**
 * The inbox table ({@code sync_inbox}): what arrived, what became of it. Times are UTC,
 * as everywhere in the sync database.
 */
@Repository
public class Inbox {

	private static final int REASON_LENGTH = 1000;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final Secrets secrets;

	public Inbox(DataSource syncDataSource, PlatformTransactionManager transactions, Clock clock, Secrets secrets) {
		this.jdbc = new JdbcTemplate(syncDataSource);
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
		this.secrets = secrets;
	}

	/**
	 * Stores what one request brought, all or nothing, so that acknowledging it means
	 * every message of it is kept. A message whose delivery is in the inbox already is
	 * stored as a DUPLICATE of it.
	 */
	public List<InboxMessage> receive(List<Arrival> arrivals) {
		return Objects.requireNonNull(transaction.execute(status -> {
			List<InboxMessage> stored = new ArrayList<>(arrivals.size());
			Instant now = clock.instant();
			for (Arrival arrival : arrivals) {
				Long first = jdbc
					.query("SELECT id FROM sync_inbox WHERE store = ? AND source = ? AND delivery = ?",
							(rs, n) -> rs.getLong(1), arrival.store(), arrival.source().name(), arrival.delivery())
					.stream()
					.findFirst()
					.orElse(null);
				stored.add(insert(arrival, now, first));
			}
			return stored;
		}));
	}

	private InboxMessage insert(Arrival arrival, Instant now, @Nullable Long duplicateOf) {
		InboxStatus status = duplicateOf != null ? InboxStatus.DUPLICATE
				: arrival.ignored() != null ? InboxStatus.IGNORED : InboxStatus.RECEIVED;
		String reason = duplicateOf != null ? "a repeat of message " + duplicateOf : arrival.ignored();
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.update(connection -> {
			PreparedStatement insert = connection.prepareStatement(
					"INSERT INTO sync_inbox (store, source, topic, entity, record_key, delivery, occurred_at,"
							+ " received_at, status, reason, duplicate_of, finished_at)"
							+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
					Statement.RETURN_GENERATED_KEYS);
			insert.setString(1, arrival.store());
			insert.setString(2, arrival.source().name());
			insert.setString(3, shortened(arrival.topic(), 255));
			insert.setString(4, arrival.entity());
			insert.setString(5, arrival.recordKey());
			insert.setString(6, duplicateOf == null ? shortened(arrival.delivery(), 512) : null);
			setLong(insert, 7, arrival.occurredAt());
			insert.setObject(8, utc(now));
			insert.setString(9, status.name());
			insert.setString(10, reason == null ? null : shortened(reason, REASON_LENGTH));
			setLong(insert, 11, duplicateOf);
			insert.setObject(12, status.finished() ? utc(now) : null);
			return insert;
		}, key);
		long id = Objects.requireNonNull(key.getKeyAs(Number.class)).longValue();
		return new InboxMessage(id, arrival.store(), arrival.source(), arrival.topic(), arrival.entity(),
				arrival.recordKey(), arrival.occurredAt(), now, status, reason, duplicateOf, 0, null,
				status.finished() ? now : null);
	}

	/**
	 * Messages of these stores waiting to be processed (RECEIVED or HELD), oldest first.
	 */
	public List<InboxMessage> waiting(InboxStatus status, Collection<String> stores, int limit) {
		if (stores.isEmpty()) {
			return List.of();
		}
		List<Object> arguments = new ArrayList<>();
		arguments.add(status.name());
		arguments.addAll(stores);
		arguments.add(limit);
		return jdbc.query(
				"SELECT * FROM sync_inbox WHERE status = ? AND store IN ("
						+ String.join(", ", Collections.nCopies(stores.size(), "?")) + ") ORDER BY id LIMIT ?",
				this::row, arguments.toArray());
	}

	/** The log: newest first, of one store or all, of one status or all. */
	public List<InboxMessage> log(@Nullable String store, @Nullable InboxStatus status, int limit) {
		List<Object> arguments = new ArrayList<>();
		StringBuilder sql = new StringBuilder("SELECT * FROM sync_inbox WHERE 1 = 1");
		if (store != null) {
			sql.append(" AND store = ?");
			arguments.add(store);
		}
		if (status != null) {
			sql.append(" AND status = ?");
			arguments.add(status.name());
		}
		sql.append(" ORDER BY id DESC LIMIT ?");
		arguments.add(limit);
		return jdbc.query(sql.toString(), this::row, arguments.toArray());
	}

	public @Nullable InboxMessage message(long id) {
		return jdbc.query("SELECT * FROM sync_inbox WHERE id = ?", this::row, id).stream().findFirst().orElse(null);
	}

	/**
	 * Records what became of messages: finished ones get their finish time; a message
	 * still RECEIVED (its run could not start, or failed) counts the attempt.
	 */
	public void outcome(Collection<Long> ids, InboxStatus status, @Nullable String reason,
			@Nullable Long jobExecutionId) {
		LocalDateTime now = utc(clock.instant());
		String redacted = reason == null ? null
				: shortened(Objects.requireNonNull(secrets.redact(reason)), REASON_LENGTH);
		jdbc.batchUpdate(
				"UPDATE sync_inbox SET status = ?, reason = ?, job_execution_id = COALESCE(?, job_execution_id),"
						+ " attempts = attempts + 1, finished_at = ? WHERE id = ?",
				List.copyOf(ids), ids.size(), (ps, id) -> {
					ps.setString(1, status.name());
					ps.setString(2, redacted);
					setLong(ps, 3, jobExecutionId);
					ps.setObject(4, status.finished() ? now : null);
					ps.setLong(5, id);
				});
	}

	/** A FAILED message is received again, to be processed as if it had just arrived. */
	public boolean retry(long id) {
		return jdbc.update(
				"UPDATE sync_inbox SET status = ?, reason = NULL, finished_at = NULL" + " WHERE id = ? AND status = ?",
				InboxStatus.RECEIVED.name(), id, InboxStatus.FAILED.name()) == 1;
	}

	/** Forgets messages finished before a time; returns how many. */
	public int purge(Instant finishedBefore) {
		return jdbc.update("DELETE FROM sync_inbox WHERE finished_at < ?", utc(finishedBefore));
	}

	/** How many messages wait (RECEIVED or HELD), and since when the oldest of them. */
	public record Depth(long waiting, @Nullable Instant oldestReceivedAt) {
	}

	public Depth depth() {
		return Objects.requireNonNull(
				jdbc.queryForObject("SELECT COUNT(*), MIN(received_at) FROM sync_inbox WHERE status IN (?, ?)",
						(rs, n) -> new Depth(rs.getLong(1), instant(rs.getObject(2, LocalDateTime.class))),
						InboxStatus.RECEIVED.name(), InboxStatus.HELD.name()));
	}

	private InboxMessage row(ResultSet rs, int n) throws SQLException {
		return new InboxMessage(rs.getLong("id"), rs.getString("store"), MessageSource.valueOf(rs.getString("source")),
				rs.getString("topic"), rs.getString("entity"), rs.getString("record_key"),
				rs.getObject("occurred_at", Long.class),
				Objects.requireNonNull(instant(rs.getObject("received_at", LocalDateTime.class))),
				InboxStatus.valueOf(rs.getString("status")), rs.getString("reason"),
				rs.getObject("duplicate_of", Long.class), rs.getInt("attempts"),
				rs.getObject("job_execution_id", Long.class),
				instant(rs.getObject("finished_at", LocalDateTime.class)));
	}

	private static void setLong(PreparedStatement statement, int index, @Nullable Long value) throws SQLException {
		if (value == null) {
			statement.setNull(index, Types.BIGINT);
		}
		else {
			statement.setLong(index, value);
		}
	}

	private static LocalDateTime utc(Instant instant) {
		return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private static @Nullable Instant instant(@Nullable LocalDateTime utc) {
		return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
	}

	private static String shortened(String text, int length) {
		return text.length() <= length ? text : text.substring(0, length - 1) + "…";
	}

}
