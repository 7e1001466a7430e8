package io.syncbatch.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.env.MockEnvironment;

import io.syncbatch.secrets.Secrets;

/**
 * The intake stores requests that arrive together in one transaction; when that
 * transaction fails, each request is stored alone, so that only the one at fault is
 * refused and its neighbours are acknowledged. The inbox here fails any transaction
 * holding a message about BAD, as the database does for a repeat another process stored a
 * moment before.
 */
class InboxIntakeTest {

	private final CountDownLatch firstTransactionMayEnd = new CountDownLatch(1);

	private final List<Integer> transactionSizes = new ArrayList<>();

	private final InboxIntake intake = new InboxIntake(new FailingOnBad(), new AllActive());

	@AfterEach
	void stop() {
		firstTransactionMayEnd.countDown();
		intake.stop();
	}

	@Test
	void whenRequestsStoredTogetherFailOnlyTheOneAtFaultIsRefused() throws Exception {
		intake.start();
		CompletableFuture<InboxIntake.Intake> first = CompletableFuture.supplyAsync(() -> receive("FIRST"));
		awaitTransactions(1);
		// While the first transaction commits, these two arrive and wait for the next.
		CompletableFuture<InboxIntake.Intake> bad = CompletableFuture.supplyAsync(() -> receive("BAD"));
		CompletableFuture<InboxIntake.Intake> good = CompletableFuture.supplyAsync(() -> receive("GOOD"));
		Thread.sleep(300);
		firstTransactionMayEnd.countDown();

		assertThat(first.get(5, TimeUnit.SECONDS).messages()).extracting(InboxMessage::recordKey)
			.containsExactly("FIRST");
		assertThat(good.get(5, TimeUnit.SECONDS).messages()).extracting(InboxMessage::recordKey)
			.containsExactly("GOOD");
		assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(DuplicateKeyException.class);
		synchronized (transactionSizes) {
			assertThat(transactionSizes).as("the first alone, the two together, then each alone")
				.containsExactlyInAnyOrder(1, 2, 1, 1);
		}
	}

	private InboxIntake.Intake receive(String key) {
		return intake.receive("main", List.of(new Arrival("main", MessageSource.ERP, "syncbatch-customer", "customer",
				key, "syncbatch-customer tx " + key, 1L, null)));
	}

	private void awaitTransactions(int count) throws InterruptedException {
		for (int i = 0; i < 100; i++) {
			synchronized (transactionSizes) {
				if (transactionSizes.size() >= count) {
					return;
				}
			}
			Thread.sleep(20);
		}
		throw new AssertionError("no transaction began");
	}

	private final class FailingOnBad extends Inbox {

		FailingOnBad() {
			super(new DriverManagerDataSource("jdbc:h2:mem:unused"), null, Clock.systemUTC(),
					new Secrets(new MockEnvironment()));
		}

		@Override
		public List<List<InboxMessage>> receive(List<List<Arrival>> requests) {
			boolean first;
			synchronized (transactionSizes) {
				first = transactionSizes.isEmpty();
				transactionSizes.add(requests.size());
			}
			if (first) {
				try {
					firstTransactionMayEnd.await(5, TimeUnit.SECONDS);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}
			if (requests.stream().flatMap(List::stream).anyMatch(arrival -> "BAD".equals(arrival.recordKey()))) {
				throw new DuplicateKeyException("a repeat of BAD was stored a moment before");
			}
			return requests.stream()
				.map(arrivals -> arrivals.stream()
					.map(arrival -> new InboxMessage(1, arrival.store(), arrival.source(), arrival.topic(),
							arrival.entity(), arrival.recordKey(), arrival.occurredAt(), Instant.now(),
							InboxStatus.RECEIVED, null, null, 0, null, null))
					.toList())
				.toList();
		}

	}

	private static final class AllActive extends RealtimeStates {

		AllActive() {
			super(new DriverManagerDataSource("jdbc:h2:mem:unused"), null, Clock.systemUTC());
		}

		@Override
		public RealtimeState of(String store) {
			return RealtimeState.ACTIVE;
		}

	}

}
