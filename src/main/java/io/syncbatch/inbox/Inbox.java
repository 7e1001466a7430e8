package io.syncbatch.inbox;

import java.sql.Connection;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
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

	private static final int DELIVERY_LENGTH = 512;

	/** The most deliveries one look for repeats names. */
	private static final int LOOKUP_SIZE = 500;

	/**
	 * The most messages one insert stores (a few KB each, far below a statement's limit).
	 */
	private static final int ROWS_PER_STATEMENT = 500;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final Secrets secrets;

	private final DataSource dataSource;

	private volatile @Nullable Boolean autoCommit;

	public Inbox(DataSource syncDataSource, PlatformTransactionManager transactions, Clock clock, Secrets secrets) {
		this.dataSource = syncDataSource;
		this.jdbc = new JdbcTemplate(syncDataSource);
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
		this.secrets = secrets;
	}

	/**
	 * Stores what several requests brought, all or nothing, so that acknowledging each
	 * means every message of it is kept; returns each request's messages. A message whose
	 * delivery is in the inbox already (or earlier in these requests) is stored as a
	 * DUPLICATE of it. The round trips are few whatever the number of messages, since the
	 * acknowledgement of every request waits for them: one look for deliveries already
	 * kept, then usually one insert, which is atomic by itself and so needs no
	 * transaction (beginning and ending one were two more round trips, each a chance to
	 * wait for a busy database). Only a repeat of a message arriving in the same pass, or
	 * more messages than one statement takes, need a transaction.
	 */
	public List<List<InboxMessage>> receive(List<List<Arrival>> requests) {
		List<Arrival> arrivals = requests.stream().flatMap(List::stream).toList();
		List<InboxMessage> stored = store(arrivals);
		List<List<InboxMessage>> byRequest = new ArrayList<>(requests.size());
		int next = 0;
		for (List<Arrival> request : requests) {
			byRequest.add(stored.subList(next, next + request.size()));
			next += request.size();
		}
		return byRequest;
	}

	private List<InboxMessage> store(List<Arrival> arrivals) {
		Instant now = clock.instant();
		Map<Delivery, Long> kept = kept(arrivals);
		List<Delivery> deliveries = arrivals.stream().map(Delivery::of).toList();
		// First the messages whose ids are not needed by others: new ones and repeats of
		// kept ones; then repeats of those new ones, which name their ids.
		List<Integer> first = new ArrayList<>();
		List<Integer> then = new ArrayList<>();
		Set<Delivery> arriving = new HashSet<>();
		for (int i = 0; i < arrivals.size(); i++) {
			Delivery delivery = deliveries.get(i);
			(kept.containsKey(delivery) || arriving.add(delivery) ? first : then).add(i);
		}
		if (then.isEmpty() && first.size() <= ROWS_PER_STATEMENT && commitsEachStatement()) {
			return stored(arrivals, first, kept, deliveries, now);
		}
		return Objects.requireNonNull(transaction.execute(status -> {
			Map<Delivery, Long> ids = new HashMap<>(kept);
			InboxMessage[] messages = new InboxMessage[arrivals.size()];
			for (List<Integer> pass : List.of(first, then)) {
				for (int from = 0; from < pass.size(); from += ROWS_PER_STATEMENT) {
					List<Integer> slice = pass.subList(from, Math.min(pass.size(), from + ROWS_PER_STATEMENT));
					List<InboxMessage> stored = stored(arrivals, slice, ids, deliveries, now);
					for (int i = 0; i < slice.size(); i++) {
						InboxMessage message = stored.get(i);
						messages[slice.get(i)] = message;
						ids.putIfAbsent(deliveries.get(slice.get(i)), message.id());
					}
				}
			}
			return List.of(messages);
		}));
	}

	/**
	 * Whether a statement outside a transaction is committed by itself, as the pool's
	 * connections do unless configured otherwise ({@code auto-commit: false}, with which
	 * a lone insert would be rolled back when its connection went back to the pool, after
	 * the acknowledgement). Asked of the pool once: a borrow on every pass was one more
	 * wait for a connection while processing held the pool.
	 */
	private boolean commitsEachStatement() {
		Boolean known = autoCommit;
		if (known == null) {
			try (Connection connection = dataSource.getConnection()) {
				known = connection.getAutoCommit();
			}
			catch (SQLException unreachable) {
				throw new DataAccessResourceFailureException("the sync database did not answer", unreachable);
			}
			autoCommit = known;
		}
		return known;
	}

	/**
	 * Inserts these of the arrivals in one statement, each new one, or a DUPLICATE of the
	 * message kept with its delivery, and returns them as stored.
	 */
	private List<InboxMessage> stored(List<Arrival> arrivals, List<Integer> which, Map<Delivery, Long> kept,
			List<Delivery> deliveries, Instant now) {
		List<Arrival> inserted = which.stream().map(arrivals::get).toList();
		List<@Nullable Long> duplicateOf = new ArrayList<>();
		which.forEach(i -> duplicateOf.add(kept.get(deliveries.get(i))));
		List<Long> ids = insert(inserted, duplicateOf, now);
		List<InboxMessage> messages = new ArrayList<>(ids.size());
		for (int i = 0; i < ids.size(); i++) {
			messages.add(message(inserted.get(i), ids.get(i), duplicateOf.get(i), now));
		}
		return messages;
	}

	/**
	 * What identifies a message as its sender repeats it, as kept (a long delivery is
	 * kept shortened), compared without regard to case as MySQL's and MariaDB's unique
	 * index compares it: a repeat that differs only in case must be found here, or its
	 * insert would break the index.
	 */
	private record Delivery(String store, MessageSource source, String delivery) {

		Delivery {
			delivery = delivery.toLowerCase(Locale.ROOT);
		}

		static Delivery of(Arrival arrival) {
			return new Delivery(arrival.store(), arrival.source(), shortened(arrival.delivery(), DELIVERY_LENGTH));
		}
	}

	/**
	 * The ids of the messages whose deliveries are already kept, looked up by store and
	 * source as the unique index has them.
	 */
	private Map<Delivery, Long> kept(List<Arrival> arrivals) {
		Map<Delivery, Long> kept = new HashMap<>();
		Map<List<String>, Set<String>> bySender = new LinkedHashMap<>();
		arrivals.forEach(arrival -> bySender
			.computeIfAbsent(List.of(arrival.store(), arrival.source().name()), sender -> new LinkedHashSet<>())
			.add(shortened(arrival.delivery(), DELIVERY_LENGTH)));
		bySender.forEach((sender, distinct) -> {
			List<String> deliveries = List.copyOf(distinct);
			for (int from = 0; from < deliveries.size(); from += LOOKUP_SIZE) {
				List<String> slice = deliveries.subList(from, Math.min(deliveries.size(), from + LOOKUP_SIZE));
				List<Object> arguments = new ArrayList<>(sender);
				arguments.addAll(slice);
				jdbc.query(
						"SELECT id, delivery FROM sync_inbox WHERE store = ? AND source = ? AND delivery IN ("
								+ String.join(", ", Collections.nCopies(slice.size(), "?")) + ")",
						(RowCallbackHandler) rs -> kept.put(new Delivery(sender.get(0),
								MessageSource.valueOf(sender.get(1)), rs.getString("delivery")), rs.getLong("id")),
						arguments.toArray());
			}
		});
		return kept;
	}

	/**
	 * Inserts messages in one statement and returns their ids; repeats
	 * ({@code duplicateOf} given) keep no delivery of their own, which stays unique.
	 */
	private List<Long> insert(List<Arrival> arrivals, List<@Nullable Long> duplicateOf, Instant now) {
		if (arrivals.isEmpty()) {
			return List.of();
		}
		String sql = "INSERT INTO sync_inbox (store, source, topic, entity, record_key, delivery, occurred_at,"
				+ " received_at, status, reason, duplicate_of, finished_at) VALUES "
				+ String.join(", ", Collections.nCopies(arrivals.size(), "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
		KeyHolder keys = new GeneratedKeyHolder();
		jdbc.update(connection -> {
			PreparedStatement insert = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
			int column = 0;
			for (int i = 0; i < arrivals.size(); i++) {
				Arrival arrival = arrivals.get(i);
				Long repeatOf = duplicateOf.get(i);
				InboxStatus status = status(arrival, repeatOf);
				String reason = reason(arrival, repeatOf);
				insert.setString(++column, arrival.store());
				insert.setString(++column, arrival.source().name());
				insert.setString(++column, shortened(arrival.topic(), 255));
				insert.setString(++column, arrival.entity());
				insert.setString(++column, arrival.recordKey());
				insert.setString(++column, repeatOf == null ? shortened(arrival.delivery(), DELIVERY_LENGTH) : null);
				setLong(insert, ++column, arrival.occurredAt());
				insert.setObject(++column, utc(now));
				insert.setString(++column, status.name());
				insert.setString(++column, reason == null ? null : shortened(reason, REASON_LENGTH));
				setLong(insert, ++column, repeatOf);
				insert.setObject(++column, status.finished() ? utc(now) : null);
			}
			return insert;
		}, keys);
		List<Long> ids = keys.getKeyList()
			.stream()
			.map(key -> ((Number) key.values().iterator().next()).longValue())
			.toList();
		if (ids.size() != arrivals.size()) {
			throw new IllegalStateException(
					"the database answered " + ids.size() + " ids for " + arrivals.size() + " inserted messages");
		}
		return ids;
	}

	private static InboxStatus status(Arrival arrival, @Nullable Long duplicateOf) {
		return duplicateOf != null ? InboxStatus.DUPLICATE
				: arrival.ignored() != null ? InboxStatus.IGNORED : InboxStatus.RECEIVED;
	}

	private static @Nullable String reason(Arrival arrival, @Nullable Long duplicateOf) {
		return duplicateOf != null ? "a repeat of message " + duplicateOf : arrival.ignored();
	}

	private static InboxMessage message(Arrival arrival, long id, @Nullable Long duplicateOf, Instant now) {
		InboxStatus status = status(arrival, duplicateOf);
		return new InboxMessage(id, arrival.store(), arrival.source(), arrival.topic(), arrival.entity(),
				arrival.recordKey(), arrival.occurredAt(), now, status, reason(arrival, duplicateOf), duplicateOf, 0,
				null, status.finished() ? now : null);
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
