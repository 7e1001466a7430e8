package io.syncbatch;

import static io.syncbatch.testsupport.StoreFixture.Requests.updating;
import static io.syncbatch.testsupport.StoreFixture.Resource.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.syncbatch.inbox.Inbox;
import io.syncbatch.inbox.InboxDispatcher;
import io.syncbatch.inbox.InboxMessage;
import io.syncbatch.inbox.InboxStatus;
import io.syncbatch.job.RunSummary;

/**
 * Real time with a Magento store: an ERP push notification of a customer reaches Magento;
 * one of an entity Magento does not take is kept as IGNORED, saying why, and holds up
 * nothing else.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "syncbatch.inbox.poll-period=1h")
class MagentoInboxScenariosTest extends MagentoScenario {

	private static final String ERP_SECRET = "erp-push-secret-for-magento-tests";

	@DynamicPropertySource
	static void secrets(DynamicPropertyRegistry registry) {
		registry.add("syncbatch.inbox.erp-secret", () -> ERP_SECRET);
	}

	@LocalServerPort
	int port;

	@Autowired
	Inbox inbox;

	@Autowired
	InboxDispatcher dispatcher;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void anErpChangeReachesMagentoAndANotificationOfWhatMagentoDoesNotTakeIsIgnoredSayingWhy() throws Exception {
		RunSummary exported = RunSummary.of(jobs.launch("customer-export", Map.of()));
		assertThat(exported.inserted()).isEqualTo(3);
		erp.editCustomer("JAMIFIQUE", "AcctName", "Jamifique Preserves", java.time.LocalDateTime.now());
		store().forgetRequests();

		HttpResponse<String> order = notify("""
				{"Inserted": [{"OrderKey": "SO-SO000101", "OrderNbr": "SO000101"}], "Deleted": [],
				 "Query": "syncbatch-sales-order", "CompanyId": "SweetLife", "Id": "tx-order", "TimeStamp": 100,
				 "AdditionalInfo": {}}""");
		HttpResponse<String> customer = notify("""
				{"Inserted": [{"CustomerID": "JAMIFIQUE", "AcctName": "Jamifique Preserves"}],
				 "Deleted": [{"CustomerID": "JAMIFIQUE", "AcctName": "Jamifique factory"}],
				 "Query": "syncbatch-customer", "CompanyId": "SweetLife", "Id": "tx-customer", "TimeStamp": 101,
				 "AdditionalInfo": {}}""");
		dispatcher.dispatch();

		assertThat(order.statusCode()).isEqualTo(200);
		assertThat(customer.statusCode()).isEqualTo(200);
		InboxMessage ignored = message("sales-order");
		assertThat(ignored.status()).isEqualTo(InboxStatus.IGNORED);
		assertThat(ignored.reason()).isEqualTo("sales-order goes import only on magento (jobs/sales-order.yml)");
		assertThat(message("customer").status()).as("the customer's message is not held up by it")
			.isEqualTo(InboxStatus.PROCESSED);
		assertThat(store().requests(updating(CUSTOMERS))).singleElement()
			.satisfies(put -> assertThat(put.body()).contains("\"email\":\"orders@jamifique.example\""));
	}

	private InboxMessage message(String entity) {
		Instant deadline = Instant.now().plusSeconds(10);
		while (true) {
			for (InboxMessage message : inbox.log(null, null, 100)) {
				if (entity.equals(message.entity())
						&& (message.status() != InboxStatus.RECEIVED || Instant.now().isAfter(deadline))) {
					return message;
				}
			}
			assertThat(Instant.now()).as("a message of " + entity).isBefore(deadline);
			dispatcher.dispatch();
		}
	}

	private HttpResponse<String> notify(String notification) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/hooks/erp/" + storeName()))
			.header("Content-Type", "application/json")
			.header("X-Syncbatch-Secret", ERP_SECRET)
			.POST(HttpRequest.BodyPublishers.ofString(notification))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
