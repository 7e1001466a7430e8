package io.syncbatch;

import static io.syncbatch.testsupport.StoreFixture.Requests.to;
import static io.syncbatch.testsupport.StoreFixture.Resource.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.syncbatch.history.RunRefusedException;
import io.syncbatch.job.ExpiredRuns;
import io.syncbatch.testsupport.StoreFixture.StoreFault;

/**
 * A running execution proves that its process is alive by renewing the lease of its
 * store/entity lock: recover refuses an execution whose lease is live, and what a dead
 * process left (an execution still STARTED, a lock naming no execution) is recovered
 * automatically once its lease expired, by the next launch or by {@code serve}'s sweep.
 * Leases are renewed quickly here so that a renewal can be seen within a test.
 */
@TestPropertySource(properties = { "syncbatch.lease.renew-period=200ms", "syncbatch.lease.duration=10s" })
class LeaseScenariosTest extends BigCommerceScenario {

	@Autowired
	ExpiredRuns expiredRuns;

	@Test
	void recoverOfAnExecutionWhoseProcessIsRunningItIsRefusedAndTheRunEndsAlone() throws Exception {
		store().failAll(to(CUSTOMERS), StoreFault.answerAfter(Duration.ofMillis(1_000)));
		JobExecution running = jobs.launchInBackground("customer-export", Map.of());
		awaitFirstStoreRequest(to(CUSTOMERS));

		assertThatThrownBy(() -> jobs.recover(running.getId())).isInstanceOf(RunRefusedException.class)
			.hasMessageStartingWith(
					"execution " + running.getId() + " of customer-export is still running: its process (")
			.hasMessageEndingWith("to end this one, run: stop " + running.getId());

		assertThat(awaitEnd(running.getId())).isEqualTo(BatchStatus.COMPLETED);
		assertThat(store().customers()).as("one run, every customer once").hasSize(3);
	}

	@Test
	void aRunningExecutionRenewsItsLeaseWhileItWaitsForTheStore() throws Exception {
		store().failAll(to(CUSTOMERS), StoreFault.answerAfter(Duration.ofMillis(1_500)));
		JobExecution running = jobs.launchInBackground("customer-export", Map.of());
		awaitFirstStoreRequest(to(CUSTOMERS));
		LocalDateTime first = state.leaseRenewedAt(storeName(), "customer");
		Thread.sleep(700);

		assertThat(state.leaseRenewedAt(storeName(), "customer")).as("renewed every 200 ms").isAfter(first);
		assertThat(awaitEnd(running.getId())).isEqualTo(BatchStatus.COMPLETED);
		assertThat(state.runLocks()).as("released at the end").isZero();
	}

	@Test
	void anExecutionWhoseLeaseExpiredIsRecoveredByTheNextLaunchWhichThenRuns() throws Exception {
		long crashed = jobs.launch("customer-export", Map.of()).getId();
		state.crashed(crashed, storeName(), "customer");

		assertThat(launch(Map.of()).status()).isEqualTo("COMPLETED");

		JobExecution recovered = jobs.execution(crashed);
		assertThat(recovered.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(recovered.getExitStatus().getExitDescription())
			.startsWith("the process running it (4242@crashed-host) stopped renewing its lease at ")
			.endsWith(" (sync database time): it was killed, or lost the sync database for longer than the lease;"
					+ " recovered automatically");
		assertThat(state.runLocks()).isZero();
	}

	@Test
	void aLockNamingNoExecutionHoldsWhileItsLeaseLastsAndIsFreedOnceItExpired() throws Exception {
		state.lockWithoutExecution(storeName(), "customer", false);
		assertThatThrownBy(() -> launch(Map.of())).isInstanceOf(RunRefusedException.class)
			.hasMessageContaining("another launch that is starting (process 4242@crashed-host)")
			.hasMessageContaining("the lock is freed when its lease expires in ");

		state.expireLeases();

		assertThat(launch(Map.of()).status()).isEqualTo("COMPLETED");
		assertThat(store().customers()).hasSize(3);
	}

	@Test
	void aKilledRunKeepsItsLockWhileItsLeaseLastsThenRecoverFreesIt() throws Exception {
		long crashed = jobs.launch("customer-export", Map.of()).getId();
		state.crashedMomentsAgo(crashed, storeName(), "customer");

		assertThatThrownBy(() -> launch(Map.of())).isInstanceOf(RunRefusedException.class)
			.hasMessageContaining("execution " + crashed + " of customer-export (STARTED); this launch was refused;"
					+ " its process (4242@crashed-host) renewed its lease ")
			.hasMessageContaining("the first launch after the lease expires");
		assertThatThrownBy(() -> jobs.recover(crashed)).isInstanceOf(RunRefusedException.class)
			.hasMessageContaining("is still running");

		state.expireLeases();
		JobExecution recovered = jobs.recover(crashed);

		assertThat(recovered.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(recovered.getExitStatus().getExitDescription())
			.startsWith("recovered by an operator; the process running it (4242@crashed-host) stopped renewing");
		assertThat(state.runLocks()).as("recover frees the lock").isZero();
		assertThat(launch(Map.of()).status()).isEqualTo("COMPLETED");
	}

	@Test
	void theSweepOfServeRecoversEveryExpiredLeaseWithoutALaunch() throws Exception {
		long crashed = jobs.launch("customer-export", Map.of()).getId();
		state.crashed(crashed, storeName(), "customer");
		state.lockWithoutExecution(storeName(), "product", true);

		expiredRuns.recoverAll();

		assertThat(jobs.execution(crashed).getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(state.runLocks()).isZero();
	}

}
