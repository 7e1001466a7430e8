package io.syncbatch;

import static io.syncbatch.testsupport.StoreFixture.Requests.creating;
import static io.syncbatch.testsupport.StoreFixture.Requests.updating;
import static io.syncbatch.testsupport.StoreFixture.Requests.to;
import static io.syncbatch.testsupport.StoreFixture.Resource.CUSTOMERS;
import static io.syncbatch.testsupport.StoreFixture.Resource.HOOKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.syncbatch.definition.SyncDirection;
import io.syncbatch.history.LastOperation;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.inbox.Arrival;
import io.syncbatch.inbox.Inbox;
import io.syncbatch.inbox.InboxDispatcher;
import io.syncbatch.inbox.InboxMessage;
import io.syncbatch.inbox.InboxStatus;
import io.syncbatch.inbox.MessageSource;
import io.syncbatch.job.RunSummary;
import io.syncbatch.ops.Cli;
import io.syncbatch.ops.CliCommand;
import io.syncbatch.testsupport.StoreFixture.StoreFault;
import io.syncbatch.testsupport.TestDatabase;
import io.syncbatch.testsupport.WebhookExamples;

/**
 * Real time, over real HTTP: given customers already synced, when the ERP pushes a
 * notification of a change (in Acumatica's documented format) or the store sends a
 * webhook (BigCommerce's example bodies), then the message is kept in the inbox, and the
 * next look at the inbox syncs the record it names through the entity's job, as a batch
 * run of that one record would. The looks are made by the test, so that each step can be
 * seen; {@code serve} makes one every poll period.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "syncbatch.inbox.poll-period=PT1H", "syncbatch.metrics.state-max-age=0s" })
class InboxScenariosTest extends BigCommerceScenario {

	private static final String ERP_SECRET = "erp-" + UUID.randomUUID();

	private static final String STORE_SECRET = "store-" + UUID.randomUUID();

	private static final String OPERATOR_PASSWORD = "ops-" + UUID.randomUUID();

	private static final String OPERATOR = "operator:" + OPERATOR_PASSWORD;

	@DynamicPropertySource
	static void secrets(DynamicPropertyRegistry registry) {
		registry.add("syncbatch.inbox.erp-secret", () -> ERP_SECRET);
		registry.add("syncbatch.api.password", () -> OPERATOR_PASSWORD);
		registry.add("syncbatch.stores." + TestDatabase.current().storeName() + ".webhook-secret", () -> STORE_SECRET);
	}

	@LocalServerPort
	int port;

	@Autowired
	Inbox inbox;

	@Autowired
	InboxDispatcher dispatcher;

	@Autowired
	Cli cli;

	@Autowired
	MeterRegistry meterRegistry;

	private final HttpClient http = HttpClient.newHttpClient();

	private final ExecutorService rush = Executors.newFixedThreadPool(20);

	@AfterEach
	void stopTheRush() {
		rush.shutdownNow();
	}

	@Test
	void anErpEditReachesTheStoreThroughAPushNotification() throws Exception {
		launch(Map.of());
		erp.editCustomer("FRUITICO", "Phone1", "+1 212 555 0199", LocalDateTime.of(2026, 11, 3, 8, 0));
		store().forgetRequests();

		HttpResponse<String> acknowledged = notify(fruiticoPhone("+1 212 555 0199", "+1 212 555 0148", "tx-1", 100));

		assertThat(acknowledged.statusCode()).isEqualTo(200);
		InboxMessage received = onlyMessage();
		assertThat(received.status()).isEqualTo(InboxStatus.RECEIVED);
		assertThat(received.entity()).isEqualTo("customer");
		assertThat(received.recordKey()).isEqualTo("FRUITICO");
		assertThat(received.occurredAt()).isEqualTo(100L);
		assertThat(store().writes()).as("acknowledged before anything is synced").isZero();

		dispatcher.dispatch();

		assertThat(storeCustomer("info@fruitico.example")).containsEntry("phone", "+1 212 555 0199");
		assertThat(store().requests(updating(CUSTOMERS))).hasSize(1);
		InboxMessage processed = onlyMessage();
		assertThat(processed.status()).isEqualTo(InboxStatus.PROCESSED);
		assertThat(processed.jobExecutionId()).isNotNull();
		assertThat(history().get("FRUITICO").status()).isEqualTo(SyncStatus.PROCESSED);
		assertThat(meterRegistry.get("syncbatch.inbox.latency")
			.tags("store", storeName(), "source", "erp")
			.timer()
			.count()).as("its time from arrival to sync measured").isPositive();
		assertThat(meterRegistry.get("syncbatch.inbox.waiting").gauge().value()).isZero();
	}

	@Test
	void aRepeatedNotificationIsLoggedAsADuplicateAndABurstOnOneRecordIsOneSync() throws Exception {
		launch(Map.of());
		erp.editCustomer("FRUITICO", "Phone1", "+1 212 555 0199", LocalDateTime.of(2026, 11, 3, 8, 0));
		store().forgetRequests();

		double duplicates = duplicatesCounted();
		notify(fruiticoPhone("+1 212 555 0177", "+1 212 555 0148", "tx-1", 100));
		HttpResponse<String> again = notify(fruiticoPhone("+1 212 555 0177", "+1 212 555 0148", "tx-1", 100));
		notify(fruiticoPhone("+1 212 555 0199", "+1 212 555 0177", "tx-2", 101));
		dispatcher.dispatch();

		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(again.body()).contains("\"duplicates\":1");
		List<InboxMessage> log = inbox.log(null, null, 10);
		assertThat(log).extracting(InboxMessage::status)
			.containsExactly(InboxStatus.PROCESSED, InboxStatus.DUPLICATE, InboxStatus.PROCESSED);
		assertThat(log.get(1).duplicateOf()).isEqualTo(log.get(2).id());
		assertThat(store().requests(updating(CUSTOMERS))).as("two messages, one sync, of the ERP's row as it is now")
			.hasSize(1);
		assertThat(storeCustomer("info@fruitico.example")).containsEntry("phone", "+1 212 555 0199");
		assertThat(duplicatesCounted() - duplicates).isEqualTo(1);
	}

	@Test
	void theServersRequestMetricsLeaveOutTheInboxWhoseOwnMetersCountWhatArrives() throws Exception {
		long before = serverRequests();

		assertThat(notify(fruiticoPhone("+1 212 555 0199", "+1 212 555 0148", "tx-1", 100)).statusCode())
			.isEqualTo(200);
		assertThat(send("/api/inbox", null, null, OPERATOR).statusCode()).isEqualTo(200);

		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (serverRequests() == before && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(serverRequests() - before).as("the API's request alone").isEqualTo(1);
	}

	private long serverRequests() {
		return meterRegistry.find("http.server.requests").timers().stream().mapToLong(Timer::count).sum();
	}

	@Test
	void aRowDeletedWithoutOneInsertedIsADeletion() throws Exception {
		launch(Map.of());
		erp.deleteCustomer("JAMIFIQUE");

		notify("""
				{"Inserted": [], "Deleted": [{"CustomerID": "JAMIFIQUE", "AcctName": "Jamifique"}],
				 "Query": "syncbatch-customer", "CompanyId": "SweetLife", "Id": "tx-9", "TimeStamp": 638000000000,
				 "AdditionalInfo": {}}""");
		dispatcher.dispatch();

		SyncRecord deleted = history().get("JAMIFIQUE");
		assertThat(deleted.status()).isEqualTo(SyncStatus.DELETED);
		InboxMessage message = onlyMessage();
		assertThat(message.status()).isEqualTo(InboxStatus.PROCESSED);
		assertThat(message.reason()).isEqualTo(deleted.lastError());
	}

	@Test
	void aNotificationOfMoreRecordsThanOneRunCanNameIsSyncedInAsManyRunsAsItTakes() throws Exception {
		launch(Map.of());
		erp.addCommerceCustomers(300);
		StringBuilder rows = new StringBuilder();
		for (int i = 1; i <= 300; i++) {
			rows.append(i == 1 ? "" : ", ").append("{\"CustomerID\": \"").append("BULK%04d".formatted(i)).append("\"}");
		}
		long executions = jobs.executions("customer-export", 100).size();

		notify("""
				{"Inserted": [%s], "Deleted": [], "Query": "syncbatch-customer", "CompanyId": "SweetLife",
				 "Id": "tx-bulk", "TimeStamp": 200, "AdditionalInfo": {}}""".formatted(rows));
		dispatcher.dispatch();

		assertThat(inbox.log(null, null, 1000)).as("300 ids are 2,699 characters, more than a run's parameter keeps")
			.hasSize(300)
			.allSatisfy(message -> assertThat(message.status()).isEqualTo(InboxStatus.PROCESSED));
		assertThat(store().customers())
			.filteredOn(customer -> customer.get("email").toString().endsWith("@bulk.example"))
			.hasSize(300);
		assertThat(jobs.executions("customer-export", 100)).hasSize((int) executions + 2);
	}

	@Test
	void notificationsArrivingTogetherAreEachKeptAndAcknowledgedAndTheirRepeatsAreDuplicates() throws Exception {
		List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
		for (int round = 0; round < 2; round++) {
			for (int i = 1; i <= 20; i++) {
				String notification = """
						{"Inserted": [{"CustomerID": "RUSH%02d"}], "Deleted": [], "Query": "syncbatch-customer",
						 "CompanyId": "SweetLife", "Id": "tx-rush-%02d", "TimeStamp": %d, "AdditionalInfo": {}}"""
					.formatted(i, i, 300 + i);
				answers.add(CompletableFuture.supplyAsync(() -> {
					try {
						return notify(notification);
					}
					catch (Exception e) {
						throw new IllegalStateException(e);
					}
				}, rush));
			}
		}

		assertThat(answers).allSatisfy(answer -> assertThat(answer.get(30, TimeUnit.SECONDS).statusCode())
			.as("every one acknowledged, repeats too")
			.isEqualTo(200));
		List<InboxMessage> log = inbox.log(null, null, 100);
		assertThat(log).filteredOn(message -> message.status() == InboxStatus.RECEIVED)
			.extracting(InboxMessage::recordKey)
			.hasSize(20)
			.doesNotHaveDuplicates();
		assertThat(log).filteredOn(message -> message.status() == InboxStatus.DUPLICATE)
			.hasSize(20)
			.allSatisfy(repeat -> assertThat(inbox.message(repeat.duplicateOf()).recordKey())
				.isEqualTo(repeat.recordKey()));
	}

	@Test
	void requestsStoredInOneTransactionKeepTheirOwnMessagesAndARepeatAmongThemIsADuplicateOfItsFirst() {
		Arrival first = new Arrival(storeName(), MessageSource.ERP, "syncbatch-customer", "customer", "RUSH01",
				"syncbatch-customer tx-1 RUSH01", 1L, null);
		Arrival other = new Arrival(storeName(), MessageSource.ERP, "syncbatch-customer", "customer", "RUSH02",
				"syncbatch-customer tx-2 RUSH02", 2L, null);

		List<List<InboxMessage>> stored = inbox.receive(List.of(List.of(first), List.of(first, other)));

		assertThat(stored.get(0)).extracting(InboxMessage::status).containsExactly(InboxStatus.RECEIVED);
		assertThat(stored.get(1)).extracting(InboxMessage::status)
			.containsExactly(InboxStatus.DUPLICATE, InboxStatus.RECEIVED);
		assertThat(stored.get(1).get(0).duplicateOf()).isEqualTo(stored.get(0).get(0).id());
		assertThat(stored.get(1).get(1).recordKey()).isEqualTo("RUSH02");
		assertThat(inbox.log(null, null, 10)).extracting(InboxMessage::id)
			.containsExactlyInAnyOrder(stored.get(0).get(0).id(), stored.get(1).get(0).id(), stored.get(1).get(1).id());

		Arrival shouted = new Arrival(storeName(), MessageSource.ERP, "syncbatch-customer", "customer", "RUSH01",
				"SYNCBATCH-CUSTOMER TX-1 RUSH01", 1L, null);
		InboxMessage again = inbox.receive(List.of(List.of(shouted))).get(0).get(0);
		if (TestDatabase.current() == TestDatabase.MARIADB) {
			assertThat(again.duplicateOf()).as("a repeat differing only in case, as MariaDB's unique index compares it")
				.isEqualTo(stored.get(0).get(0).id());
		}
		else {
			assertThat(again.status()).as("H2 compares deliveries with their case").isEqualTo(InboxStatus.RECEIVED);
		}
	}

	@Test
	void moreMessagesThanOneInsertTakesAreStoredTogetherWithTheirRepeats() {
		List<Arrival> arrivals = new ArrayList<>();
		for (int i = 1; i <= 1200; i++) {
			arrivals.add(new Arrival(storeName(), MessageSource.ERP, "syncbatch-customer", "customer",
					"BULK%04d".formatted(i), "syncbatch-customer tx-bulk BULK%04d".formatted(i), (long) i, null));
		}
		arrivals.add(arrivals.get(0));
		arrivals.add(arrivals.get(1199));

		List<InboxMessage> stored = inbox.receive(List.of(arrivals)).get(0);

		assertThat(stored).hasSize(1202);
		assertThat(stored.subList(0, 1200)).extracting(InboxMessage::recordKey)
			.containsExactlyElementsOf(arrivals.subList(0, 1200).stream().map(Arrival::recordKey).toList());
		assertThat(stored.subList(0, 1200))
			.allSatisfy(message -> assertThat(message.status()).isEqualTo(InboxStatus.RECEIVED));
		assertThat(stored.get(1200).duplicateOf()).isEqualTo(stored.get(0).id());
		assertThat(stored.get(1201).duplicateOf()).isEqualTo(stored.get(1199).id());
		assertThat(inbox.log(null, null, 2000)).extracting(InboxMessage::id)
			.containsExactlyInAnyOrderElementsOf(stored.stream().map(InboxMessage::id).toList());
	}

	@Test
	void aCustomerCreatedInTheStoreReachesTheErpThroughAWebhook() throws Exception {
		String gina = store().createCustomer(Map.of("email", "gina.baker@sunnyside.example", "first_name", "Gina",
				"last_name", "Baker", "company", "Sunny Side Bakery"));

		HttpResponse<String> acknowledged = webhook(WebhookExamples.body("store_customer_created", gina));
		assertThat(acknowledged.statusCode()).isEqualTo(200);
		assertThat(erp.customerIdOf("gina.baker@sunnyside.example")).as("not before the inbox is processed").isNull();

		dispatcher.dispatch();

		assertThat(erp.customerIdOf("gina.baker@sunnyside.example")).isEqualTo("EC00004");
		InboxMessage message = onlyMessage();
		assertThat(message.status()).isEqualTo(InboxStatus.PROCESSED);
		assertThat(message.topic()).isEqualTo("store/customer/created");
		assertThat(message.recordKey()).isEqualTo(gina);
	}

	@Test
	void anOrderWhoseCustomerIsNotInTheErpWaitsHeldAndGoesWhenTheCustomersWebhookBringsIt() throws Exception {
		String liam = store()
			.createCustomer(Map.of("email", "liam.chen@mail.example", "first_name", "Liam", "last_name", "Chen"));
		String order = store().placeOrder(liam, SalesOrderImportScenariosTest.JAM_AND_COFFEE,
				SalesOrderImportScenariosTest.billing("Liam", "Chen"));

		webhook(WebhookExamples.body("store_order_created", order));
		dispatcher.dispatch();

		InboxMessage held = onlyMessage();
		assertThat(held.status()).isEqualTo(InboxStatus.HELD);
		assertThat(held.reason()).contains("waiting for the store's customer " + liam + " to be in the ERP");
		assertThat(dispatcher.dispatch()).as("nothing new: it waits, and nothing is run for it").isZero();

		webhook(WebhookExamples.body("store_customer_created", liam));
		dispatcher.dispatch();

		assertThat(inbox.log(null, null, 10)).extracting(InboxMessage::status)
			.containsExactly(InboxStatus.PROCESSED, InboxStatus.PROCESSED);
		assertThat(erp.jdbc()
			.queryForObject("SELECT COUNT(*) FROM SOOrder WHERE CompanyID = 2 AND CustomerOrderNbr = ?", Integer.class,
					"BC" + order))
			.isEqualTo(1);
	}

	@Test
	void aMessageWhoseRecordFailedIsFailedWithTheHistorysReasonAndRetriedFromTheCommandLine() throws Exception {
		launch(Map.of());
		erp.editCustomer("FRUITICO", "Email", "fruitico-at-example", LocalDateTime.of(2026, 11, 3, 8, 0));
		notify(fruiticoPhone("+1 212 555 0148", "+1 212 555 0148", "tx-1", 100));
		dispatcher.dispatch();
		InboxMessage failed = onlyMessage();
		assertThat(failed.status()).isEqualTo(InboxStatus.FAILED);
		assertThat(failed.reason()).isEqualTo(history().get("FRUITICO").lastError()).contains("Email");

		erp.editCustomer("FRUITICO", "Email", "hello@fruitico.example", LocalDateTime.of(2026, 11, 3, 9, 0));
		String retried = command("inbox", "retry", String.valueOf(failed.id()));
		dispatcher.dispatch();

		assertThat(retried)
			.isEqualTo("message " + failed.id() + " is received again; serve processes it at its next look\n");
		assertThat(onlyMessage().status()).isEqualTo(InboxStatus.PROCESSED);
		assertThat(storeCustomer("hello@fruitico.example")).isNotNull();
		assertThat(command("inbox", "--status=processed")).contains("syncbatch-customer", "FRUITICO", "PROCESSED")
			.endsWith("1 message(s), newest first\n");
	}

	@Test
	void aPausedStoreKeepsItsMessagesAndProcessesThemInOrderOnceActivatedAStoppedOneRefusesThem() throws Exception {
		launch(Map.of());
		erp.editCustomer("FRUITICO", "Phone1", "+1 212 555 0199", LocalDateTime.of(2026, 11, 3, 8, 0));
		assertThat(command("deactivate", storeName(), "--pause"))
			.startsWith("real-time sync of store " + storeName() + " is PAUSED: its messages are received and kept");

		assertThat(notify(fruiticoPhone("+1 212 555 0199", "+1 212 555 0148", "tx-1", 100)).statusCode())
			.isEqualTo(200);
		assertThat(dispatcher.dispatch()).isZero();
		assertThat(onlyMessage().status()).as("kept while paused").isEqualTo(InboxStatus.RECEIVED);
		assertThat(command("realtime")).containsPattern(storeName() + " +PAUSED").endsWith("1 message(s) waiting\n");
		assertThat(stateGauge("PAUSED")).isEqualTo(1);

		HttpResponse<String> activated = send("/api/realtime/" + storeName() + "/activate", "", null, OPERATOR);
		assertThat(activated.statusCode()).isEqualTo(200);
		dispatcher.dispatch();
		assertThat(onlyMessage().status()).isEqualTo(InboxStatus.PROCESSED);
		assertThat(storeCustomer("info@fruitico.example")).containsEntry("phone", "+1 212 555 0199");

		assertThat(send("/api/realtime/" + storeName() + "/deactivate", "{\"mode\":\"stop\"}", null, OPERATOR)
			.statusCode()).isEqualTo(200);
		HttpResponse<String> refused = notify(fruiticoPhone("+1 212 555 0100", "+1 212 555 0199", "tx-2", 101));
		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.body())
			.contains("the real-time sync of store " + storeName() + " is stopped; activate it to receive messages");
		assertThat(inbox.log(null, null, 10)).as("nothing kept while stopped").hasSize(1);
		assertThat(stateGauge("STOPPED")).isEqualTo(1);
		assertThat(send("/api/inbox?status=processed", null, null, OPERATOR).body())
			.contains("\"recordKey\":\"FRUITICO\"");
	}

	@Test
	void initializeSubscribesTheStoresWebhooksAndAShopperWhoSignsUpReachesTheErpThroughThem() throws Exception {
		String url = "http://localhost:" + port;

		String initialized = command("initialize", storeName(), "--url=" + url);

		assertThat(initialized)
			.contains("store " + storeName() + " sends its webhooks to " + url + "/hooks/stores/" + storeName(),
					"store/customer/created", "store/order/statusUpdated", "syncbatch-customer",
					url + "/hooks/erp/" + storeName(), "X-Syncbatch-Secret: <the value of syncbatch.inbox.erp-secret>")
			.doesNotContain(ERP_SECRET, STORE_SECRET);
		List<Map<String, Object>> hooks = store().documents(HOOKS);
		assertThat(hooks).as("created, updated and deleted customers and addresses; four order scopes").hasSize(10);
		assertThat(hooks).allSatisfy(hook -> {
			assertThat(hook).containsEntry("is_active", true)
				.containsEntry("destination", url + "/hooks/stores/" + storeName())
				.containsEntry("headers", Map.of("X-Syncbatch-Secret", STORE_SECRET));
		});
		assertThat(store().requests(to(HOOKS))).as("through the published webhooks API").isNotEmpty();

		String nora = store().createCustomer(Map.of("email", "nora.hill@example.com", "first_name", "Nora", "last_name",
				"Hill", "company", "Hill Top Tea"));
		InboxMessage arrived = awaitMessage("store/customer/created");
		dispatcher.dispatch();

		assertThat(arrived.topic()).isEqualTo("store/customer/created");
		assertThat(arrived.recordKey()).isEqualTo(nora);
		assertThat(erp.customerIdOf("nora.hill@example.com")).isEqualTo("EC00004");
		launch(Map.of());
		erp.editCustomer("FRUITICO", "Phone1", "+1 212 555 0199", LocalDateTime.of(2026, 11, 3, 8, 0));
		notify(fruiticoPhone("+1 212 555 0199", "+1 212 555 0148", "tx-1", 100));
		dispatcher.dispatch();
		Map<String, Object> versions = erp.customerVersions();
		InboxMessage echo = awaitMessage("store/customer/updated");
		dispatcher.dispatch();

		assertThat(inbox.message(echo.id()).status()).as("the export, coming back through the store's webhook")
			.isEqualTo(InboxStatus.PROCESSED);
		assertThat(erp.customerVersions()).as("nothing written back to the ERP").isEqualTo(versions);
		SyncRecord fruitico = history().get("FRUITICO");
		assertThat(fruitico.lastDirection()).as("still the export it was").isEqualTo(SyncDirection.EXPORT);
		assertThat(fruitico.lastOperation()).isEqualTo(LastOperation.UPDATED_EXTERNALLY);
		assertThat(command("initialize", storeName(), "--url=" + url)).as("again: nothing to change")
			.contains("unchanged")
			.doesNotContain(" created ");
		assertThat(command("deactivate", storeName(), "--stop")).endsWith("; its 10 webhooks are off\n");
		assertThat(store().documents(HOOKS)).allSatisfy(hook -> assertThat(hook).containsEntry("is_active", false));
		assertThat(command("activate", storeName())).endsWith("; its 10 webhooks are on\n");
		assertThat(store().documents(HOOKS)).allSatisfy(hook -> assertThat(hook).containsEntry("is_active", true));
	}

	@Test
	void aBatchRunCountsTheChangesRealTimeDidNotBring() throws Exception {
		launch(Map.of());
		command("initialize", storeName(), "--url=http://localhost:" + port);
		double before = missedByRealTime();
		erp.editCustomer("FRUITICO", "Phone1", "+1 212 555 0199", LocalDateTime.of(2026, 11, 3, 8, 0));
		erp.editCustomer("JAMIFIQUE", "Phone1", "+1 555 0100", LocalDateTime.of(2026, 11, 3, 8, 0));
		notify("""
				{"Inserted": [{"CustomerID": "JAMIFIQUE"}], "Deleted": [], "Query": "syncbatch-customer",
				 "CompanyId": "SweetLife", "Id": "tx-7", "TimeStamp": 7, "AdditionalInfo": {}}""");
		dispatcher.dispatch();

		RunSummary caughtUp = launch(Map.of());

		assertThat(caughtUp.prepared()).as("FRUITICO's change, which no notification brought").isEqualTo(1);
		assertThat(missedByRealTime() - before).isEqualTo(1);
	}

	@Test
	void initializeWithoutAnAddressIsRefusedInASentence() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = cli.execute(CliCommand.parse(new String[] { "initialize", storeName() }), System.out,
				new PrintStream(err, true, StandardCharsets.UTF_8));

		assertThat(exit).isEqualTo(Cli.BAD_COMMAND);
		assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("syncbatch: initialize needs the address the"
				+ " store and the ERP reach serve at: --url=https://sync.example.com, or syncbatch.inbox.public-url\n");
		assertThat(store().documents(HOOKS)).isEmpty();
	}

	@Test
	void anEntityThatDoesNotSyncInRealTimeKeepsItsNotificationsAsIgnoredAndSyncsOnItsEvent() throws Exception {
		notify("""
				{"Inserted": [{"RefNbr": "AR000101"}], "Deleted": [], "Query": "syncbatch-invoice",
				 "CompanyId": "SweetLife", "Id": "tx-5", "TimeStamp": 5, "AdditionalInfo": {}}""");

		InboxMessage ignored = onlyMessage();
		assertThat(ignored.status()).isEqualTo(InboxStatus.IGNORED);
		assertThat(ignored.reason())
			.isEqualTo("invoice does not sync in real time (sync-modes: [scheduled, on-event])");
		assertThat(dispatcher.dispatch()).isZero();

		HttpResponse<String> announced = send("/api/events/shift-closed", "{}", null, OPERATOR);
		assertThat(announced.statusCode()).isEqualTo(202);
		assertThat(announced.body()).isEqualTo("{\"event\":\"shift-closed\",\"jobs\":[\"invoice-export\"]}");
		assertThat(awaitExecutionOf("invoice-export")).isEqualTo(BatchStatus.COMPLETED);
		assertThat(command("event", "shift-closed")).startsWith("invoice-export execution ").contains(" COMPLETED in ");
		HttpResponse<String> unknown = send("/api/events/lunch-break", "{}", null, OPERATOR);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body())
			.contains("no entity syncs on event 'lunch-break'; the definitions' events:" + " [shift-closed]");
		assertThat(send("/api/events/shift-closed", "{}", null, null).statusCode()).as("an operator's call")
			.isEqualTo(401);
	}

	@Test
	void aWebhookAboutWhatNoJobImportsIsKeptAsIgnored() throws Exception {
		HttpResponse<String> acknowledged = webhook(WebhookExamples.body("store_product_updated"));

		assertThat(acknowledged.statusCode()).isEqualTo(200);
		InboxMessage message = onlyMessage();
		assertThat(message.status()).isEqualTo(InboxStatus.IGNORED);
		assertThat(message.reason()).isEqualTo("no resource the engine reads is about 'store/product/updated'");
		assertThat(dispatcher.dispatch()).isZero();
	}

	@Test
	void aMessageWithoutTheSecretOrWithoutWhatItMustCarryIsRefusedAndNothingIsKept() throws Exception {
		String notification = fruiticoPhone("+1 212 555 0199", "+1 212 555 0148", "tx-1", 100);

		assertThat(send("/hooks/erp/" + storeName(), notification, null).statusCode()).isEqualTo(401);
		assertThat(send("/hooks/erp/" + storeName(), notification, "wrong").statusCode()).isEqualTo(401);
		assertThat(send("/hooks/erp/" + storeName(), notification, STORE_SECRET).statusCode())
			.as("a store's secret is not the ERP's")
			.isEqualTo(401);
		assertThat(send("/hooks/stores/nowhere", WebhookExamples.body("store_customer_created"), STORE_SECRET)
			.statusCode()).isEqualTo(401);
		HttpResponse<String> withoutId = notify(notification.replace("\"Id\": \"tx-1\",", ""));
		assertThat(withoutId.statusCode()).isEqualTo(400);
		assertThat(withoutId.body()).contains("push notification has no Id");
		HttpResponse<String> withoutKey = notify(notification.replace("\"CustomerID\": \"FRUITICO\", ", ""));
		assertThat(withoutKey.statusCode()).isEqualTo(400);
		assertThat(withoutKey.body())
			.contains("row Inserted[0] has no CustomerID, the key column of the entity it names");
		assertThat(webhook("{\"scope\": \"store/customer/created\"}").statusCode()).isEqualTo(400);
		String huge = notification.replace("\"AdditionalInfo\": {}",
				"\"AdditionalInfo\": {\"pad\": \"" + "x".repeat(1_100_000) + "\"}");
		HttpResponse<String> tooLarge = notify(huge);
		assertThat(tooLarge.statusCode()).isEqualTo(413);
		assertThat(tooLarge.body()).contains("larger than the 1024 KB /hooks reads (syncbatch.inbox.max-body-size)");
		HttpResponse<String> longKey = notify(
				notification.replace("\"CustomerID\": \"FRUITICO\"", "\"CustomerID\": \"" + "K".repeat(129) + "\""));
		assertThat(longKey.statusCode()).isEqualTo(400);
		assertThat(longKey.body()).contains("row Inserted[0] has a CustomerID of 129 characters, longer than the 128");
		HttpResponse<String> tooLargeEncoded = send("/%68ooks/erp/" + storeName(), huge, ERP_SECRET);
		assertThat(tooLargeEncoded.statusCode()).as("an encoded /hooks is not the inbox's: the API's login refuses it")
			.isEqualTo(401);
		HttpResponse<String> formEncoded = http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/hooks/erp/" + storeName()))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("X-Syncbatch-Secret", ERP_SECRET)
				.POST(HttpRequest.BodyPublishers.ofString("Query=syncbatch-customer&Id=tx-1"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(formEncoded.statusCode()).isEqualTo(400);
		assertThat(formEncoded.body()).contains("the push notification is not JSON");
		HttpResponse<String> notPosted = send("/hooks/erp/" + storeName(), null, ERP_SECRET);
		assertThat(notPosted.statusCode()).isEqualTo(405);
		assertThat(notPosted.headers().firstValue("Allow")).hasValue("POST");
		HttpResponse<String> elsewhere = send("/hooks/erp/" + storeName() + "/more", notification, ERP_SECRET);
		assertThat(elsewhere.statusCode()).isEqualTo(404);
		assertThat(elsewhere.body()).contains("messages are posted to /hooks/erp/{store}")
			.contains("\"type\":\"about:blank\"");

		assertThat(inbox.log(null, null, 10)).isEmpty();
		assertThat(
				meterRegistry.get("syncbatch.inbox.refused").tags("source", "erp", "status", "401").counter().count())
			.isEqualTo(3);
		assertThat(
				meterRegistry.get("syncbatch.inbox.refused").tags("source", "erp", "status", "400").counter().count())
			.isEqualTo(4);
	}

	@Test
	void messagesStoredTogetherAreKeptAllOrNone() {
		Arrival good = new Arrival(storeName(), MessageSource.ERP, "syncbatch-customer", "customer", "RUSH01",
				"syncbatch-customer tx-1 RUSH01", 1L, null);
		Arrival unstorable = new Arrival("s".repeat(65), MessageSource.ERP, "syncbatch-customer", "customer", "RUSH02",
				"syncbatch-customer tx-2 RUSH02", 2L, null);

		assertThatThrownBy(() -> inbox.receive(List.of(List.of(good), List.of(unstorable))))
			.isInstanceOf(DataAccessException.class);

		assertThat(inbox.log(null, null, 10)).as("the first request's message is not kept without the second's")
			.isEmpty();
	}

	@Test
	void whileTheStoreIsDownTheMessageWaitsAndIsSyncedWhenItIsBack() throws Exception {
		launch(Map.of());
		erp.editCustomer("FRUITICO", "Phone1", "+1 212 555 0199", LocalDateTime.of(2026, 11, 3, 8, 0));
		store().forgetRequests();
		var outage = store().failAll(updating(CUSTOMERS), StoreFault.unavailable());

		notify(fruiticoPhone("+1 212 555 0199", "+1 212 555 0148", "tx-1", 100));
		dispatcher.dispatch();

		InboxMessage waiting = onlyMessage();
		assertThat(waiting.status()).isEqualTo(InboxStatus.RECEIVED);
		assertThat(waiting.attempts()).isEqualTo(1);
		assertThat(waiting.reason()).contains("of customer-export FAILED; tried again in");

		outage.remove();
		// The first pause after a failed run is a second.
		Thread.sleep(1_100);
		dispatcher.dispatch();

		assertThat(onlyMessage().status()).isEqualTo(InboxStatus.PROCESSED);
		assertThat(storeCustomer("info@fruitico.example")).containsEntry("phone", "+1 212 555 0199");
		assertThat(store().requests(creating(CUSTOMERS))).as("found again, not created twice").isEmpty();
	}

	private String fruiticoPhone(String phone, String before, String transaction, long timeStamp) {
		return """
				{"Inserted": [{"CustomerID": "FRUITICO", "AcctName": "Fruitico Coffee and Cakes", "Phone": "%s"}],
				 "Deleted": [{"CustomerID": "FRUITICO", "AcctName": "Fruitico Coffee and Cakes", "Phone": "%s"}],
				 "Query": "syncbatch-customer", "CompanyId": "SweetLife", "Id": "%s", "TimeStamp": %d,
				 "AdditionalInfo": {}}""".formatted(phone, before, transaction, timeStamp);
	}

	private HttpResponse<String> notify(String notification) throws Exception {
		return send("/hooks/erp/" + storeName(), notification, ERP_SECRET);
	}

	private HttpResponse<String> webhook(String body) throws Exception {
		return send("/hooks/stores/" + storeName(), body, STORE_SECRET);
	}

	private HttpResponse<String> send(String path, String body, String secret) throws Exception {
		return send(path, body, secret, null);
	}

	/**
	 * A POST of this body (a GET without one), with the sender's secret or the API's
	 * login.
	 */
	private HttpResponse<String> send(String path, String body, String secret, String login) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/json");
		request = body == null ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString(body));
		if (secret != null) {
			request.header("X-Syncbatch-Secret", secret);
		}
		if (login != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String command(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int exit = cli.execute(CliCommand.parse(args), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
		assertThat(exit).as(String.join(" ", args)).isZero();
		return out.toString(StandardCharsets.UTF_8);
	}

	private double stateGauge(String state) {
		return meterRegistry.get("syncbatch.realtime.state").tags("store", storeName(), "state", state).gauge().value();
	}

	/**
	 * The message of this topic (not a repeat of one), once the store's own delivery
	 * brought it.
	 */
	private InboxMessage awaitMessage(String topic) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(10);
		while (true) {
			for (InboxMessage message : inbox.log(null, null, 100)) {
				if (message.topic().equals(topic) && message.status() != InboxStatus.DUPLICATE) {
					return message;
				}
			}
			assertThat(Instant.now()).as("the store's webhook " + topic + " arrived").isBefore(deadline);
			Thread.sleep(20);
		}
	}

	/** Waits until an execution of this job has ended, and returns how. */
	private BatchStatus awaitExecutionOf(String job) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(30);
		while (jobs.executions(job, 1).isEmpty()) {
			assertThat(Instant.now()).as(job + " was launched").isBefore(deadline);
			Thread.sleep(50);
		}
		return awaitEnd(jobs.executions(job, 1).get(0).id());
	}

	private double missedByRealTime() {
		return meterRegistry.get("syncbatch.records.missed.by.realtime")
			.tags("store", storeName(), "entity", "customer", "direction", "export")
			.counter()
			.count();
	}

	private double duplicatesCounted() {
		return meterRegistry.get("syncbatch.inbox.messages")
			.tags("store", storeName(), "source", "erp", "status", "DUPLICATE")
			.counter()
			.count();
	}

	private InboxMessage onlyMessage() {
		List<InboxMessage> log = inbox.log(null, null, 10);
		assertThat(log).hasSize(1);
		return log.get(0);
	}

	private Map<String, Object> storeCustomer(String email) {
		return store().customers()
			.stream()
			.filter(customer -> email.equals(customer.get("email")))
			.findFirst()
			.orElseThrow();
	}

}
