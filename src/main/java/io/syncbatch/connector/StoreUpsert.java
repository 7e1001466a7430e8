package io.syncbatch.connector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.slf4j.MDC;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The write algorithm every platform shares, for one store: what to create and what to
 * update, found again instead of created twice, a refused batch isolated record by
 * record, and batches sent concurrently.
 *
 * <p>
 * Nothing is created twice: the store may have accepted a record in a run that was killed
 * before its store id was committed. Where the store itself refuses a duplicate, a create
 * is sent as is and only a refused batch is looked up; elsewhere a record without store
 * id is looked up before it is created. What a lookup finds is adopted only when the
 * {@link AdoptionGuard} allows it. One bad record may make a store refuse a whole batch,
 * so a refused batch is tried again record by record to keep the good ones and give the
 * bad one the store's own message.
 *
 * <p>
 * The batches of one call go out concurrently; how many requests are in flight at once is
 * the store channel's limit, whoever sends. The call returns when every request has been
 * answered, so a retry of the whole call never overlaps a request still in flight.
 */
public final class StoreUpsert implements AutoCloseable {

	private final ExecutorService requests;

	public StoreUpsert(String storeName, int concurrency) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("store-" + storeName + "-");
		threads.setDaemon(true);
		this.requests = Executors.newFixedThreadPool(concurrency, threads);
	}

	/**
	 * Creates or updates the records, one result per record. A record the store refuses,
	 * or its contract forbids, gets a failed result and does not stop the others.
	 * @throws TransientStoreException when the store could not answer: the caller's chunk
	 * rolls back
	 */
	public List<WriteResult> upsert(ResourceWriter writer, List<OutgoingRecord> records, AdoptionGuard storeGuard,
			CreateJournal journal) {
		// What the contract forbids is neither looked up, journaled nor sent.
		List<WriteResult> results = new ArrayList<>();
		List<OutgoingRecord> allowed = new ArrayList<>();
		for (OutgoingRecord record : records) {
			String forbidden = writer.forbidden(record);
			if (forbidden == null) {
				allowed.add(record);
			}
			else {
				results.add(WriteResult.forbidden(record.key(), forbidden));
			}
		}
		if (!allowed.isEmpty()) {
			results.addAll(upsertAllowed(writer, allowed, storeGuard, journal));
		}
		return results;
	}

	private List<WriteResult> upsertAllowed(ResourceWriter writer, List<OutgoingRecord> records,
			AdoptionGuard storeGuard, CreateJournal journal) {
		WritePlan plan = writer.plan();
		OncePerCall guard = new OncePerCall(storeGuard);
		if (plan.creation() == WritePlan.Creation.IN_PLACE) {
			return concurrently(batches(records, plan.updateBatch()), batch -> isolated(batch, writer::update));
		}
		List<WriteResult> results = new ArrayList<>();
		// A create whose answer was lost may have made the record under the natural key
		// it sent, which the source may since have changed: look for that one first.
		Map<String, String> inStore = new HashMap<>(adopted(writer,
				records.stream()
					.filter(record -> record.externalId() == null && record.sentBefore() != null)
					.map(record -> new OutgoingRecord(record.key(), null, Objects.requireNonNull(record.sentBefore())))
					.toList(),
				guard, results));
		if (plan.creation() == WritePlan.Creation.LOOKUP_FIRST) {
			inStore.putAll(adopted(writer,
					records.stream()
						.filter(record -> record.externalId() == null && !inStore.containsKey(record.key()))
						.filter(record -> results.stream().noneMatch(result -> result.key().equals(record.key())))
						.toList(),
					guard, results));
		}
		List<OutgoingRecord> creates = new ArrayList<>();
		List<OutgoingRecord> updates = new ArrayList<>();
		for (OutgoingRecord record : records) {
			String id = record.externalId() != null ? record.externalId() : inStore.get(record.key());
			if (id != null) {
				updates.add(record.withExternalId(id));
			}
			else if (results.stream().noneMatch(result -> result.key().equals(record.key()))) {
				creates.add(record);
			}
		}
		if (!creates.isEmpty()) {
			journal.aboutToCreate(creates.stream()
				.map(record -> new OutgoingRecord(record.key(), null, writer.lookupFields(record)))
				.toList());
		}
		results.addAll(concurrently(batches(creates, plan.createBatch()), batch -> created(writer, batch, guard)));
		results.addAll(concurrently(batches(updates, plan.updateBatch()), batch -> isolated(batch, writer::update)));
		return results;
	}

	private List<WriteResult> created(ResourceWriter writer, List<OutgoingRecord> batch, OncePerCall guard) {
		try {
			return guard.created(writer.create(batch));
		}
		catch (StoreRejectedException refused) {
			if (writer.plan().creation() == WritePlan.Creation.CREATE_FIRST) {
				// Some may be in the store already: created before a crash, or by someone
				// else.
				List<WriteResult> results = new ArrayList<>();
				Map<String, String> inStore = adopted(writer, batch, guard, results);
				if (!inStore.isEmpty() || !results.isEmpty()) {
					results.addAll(isolated(batch.stream()
						.filter(record -> inStore.containsKey(record.key()))
						.map(record -> record.withExternalId(Objects.requireNonNull(inStore.get(record.key()))))
						.toList(), writer::update));
					List<OutgoingRecord> rest = batch.stream()
						.filter(record -> !inStore.containsKey(record.key()))
						.filter(record -> results.stream().noneMatch(result -> result.key().equals(record.key())))
						.toList();
					if (!rest.isEmpty()) {
						results.addAll(created(writer, rest, guard));
					}
					return results;
				}
			}
			if (batch.size() == 1) {
				return List.of(refusedBy(batch.get(0), refused));
			}
			List<WriteResult> isolated = new ArrayList<>();
			for (OutgoingRecord record : batch) {
				isolated.addAll(created(writer, List.of(record), guard));
			}
			return isolated;
		}
	}

	/**
	 * Adds to a guard that one store record found by natural key is adopted by one record
	 * of a call at most: two records with the same natural key in one chunk would
	 * otherwise both adopt the one the first created or found.
	 */
	private static final class OncePerCall implements AdoptionGuard {

		private final AdoptionGuard guard;

		private final Map<String, String> adoptedBy = new HashMap<>();

		OncePerCall(AdoptionGuard guard) {
			this.guard = guard;
		}

		/**
		 * Store records this call created belong to the records they were created for.
		 */
		synchronized List<WriteResult> created(List<WriteResult> results) {
			results.stream()
				.filter(result -> result.externalId() != null)
				.forEach(result -> adoptedBy.putIfAbsent(result.externalId(), result.key()));
			return results;
		}

		@Override
		public synchronized Map<String, String> refusals(Map<String, String> found) {
			Map<String, String> refusals = new HashMap<>(guard.refusals(found));
			found.forEach((key, id) -> {
				String other = adoptedBy.putIfAbsent(id, key);
				if (other != null && !other.equals(key) && !refusals.containsKey(key)) {
					refusals.put(key, "the store record " + id + " it was found as is the one " + other
							+ " was written to in the same run; not adopted, so that the two are not merged");
				}
			});
			return refusals;
		}

	}

	/**
	 * What the store has of these records and they may adopt; the ones the guard refuses
	 * get their result.
	 */
	private static Map<String, String> adopted(ResourceWriter writer, List<OutgoingRecord> records, AdoptionGuard guard,
			List<WriteResult> refusedResults) {
		if (records.isEmpty()) {
			return Map.of();
		}
		Map<String, String> found;
		try {
			found = new HashMap<>(writer.lookup(records));
		}
		catch (StoreRejectedException refused) {
			// What the store refuses to find for one record (two of its records answer to
			// it) fails that record, not the others looked up with it.
			if (records.size() == 1) {
				refusedResults.add(refusedBy(records.get(0), refused));
				return Map.of();
			}
			Map<String, String> each = new HashMap<>();
			for (OutgoingRecord record : records) {
				each.putAll(adopted(writer, List.of(record), guard, refusedResults));
			}
			return each;
		}
		Map<String, String> refusals = found.isEmpty() ? Map.of() : guard.refusals(Map.copyOf(found));
		refusals.forEach((key, reason) -> {
			found.remove(key);
			refusedResults.add(WriteResult.rejected(key, reason));
		});
		return found;
	}

	/**
	 * Sends a batch; when the store refuses it, each record alone, so only the bad one
	 * fails.
	 */
	private static List<WriteResult> isolated(List<OutgoingRecord> batch,
			Function<List<OutgoingRecord>, List<WriteResult>> write) {
		if (batch.isEmpty()) {
			return List.of();
		}
		try {
			return write.apply(batch);
		}
		catch (StoreRejectedException refused) {
			if (batch.size() == 1) {
				return List.of(refusedBy(batch.get(0), refused));
			}
			List<WriteResult> results = new ArrayList<>();
			for (OutgoingRecord record : batch) {
				results.addAll(isolated(List.of(record), write));
			}
			return results;
		}
	}

	/**
	 * Writes the batches on the store's threads, and returns once every one has been
	 * answered.
	 */
	private List<WriteResult> concurrently(List<List<OutgoingRecord>> batches,
			Function<List<OutgoingRecord>, List<WriteResult>> write) {
		if (batches.size() <= 1) {
			return batches.isEmpty() ? List.of() : write.apply(batches.get(0));
		}
		Map<String, String> logContext = MDC.getCopyOfContextMap();
		List<Future<List<WriteResult>>> pending = batches.stream().map(batch -> requests.submit(() -> {
			if (logContext != null) {
				MDC.setContextMap(logContext);
			}
			try {
				return write.apply(batch);
			}
			finally {
				MDC.clear();
			}
		})).toList();
		List<WriteResult> results = new ArrayList<>();
		RuntimeException failure = null;
		for (Future<List<WriteResult>> request : pending) {
			try {
				results.addAll(request.get());
			}
			catch (ExecutionException ex) {
				if (failure == null) {
					failure = ex.getCause() instanceof RuntimeException runtime ? runtime
							: new TransientStoreException("a store request failed: " + ex.getCause(), ex.getCause());
				}
			}
			catch (InterruptedException ex) {
				pending.forEach(other -> other.cancel(true));
				Thread.currentThread().interrupt();
				throw new TransientStoreException("interrupted while waiting for the store", ex);
			}
		}
		if (failure != null) {
			throw failure;
		}
		return results;
	}

	private static WriteResult refusedBy(OutgoingRecord record, StoreRejectedException refused) {
		return WriteResult.rejected(record.key(), "the store refused it: " + refused.getMessage());
	}

	private static List<List<OutgoingRecord>> batches(List<OutgoingRecord> records, int size) {
		List<List<OutgoingRecord>> batches = new ArrayList<>();
		for (int from = 0; from < records.size(); from += size) {
			batches.add(records.subList(from, Math.min(records.size(), from + size)));
		}
		return batches;
	}

	@Override
	public void close() {
		requests.shutdownNow();
	}

}
