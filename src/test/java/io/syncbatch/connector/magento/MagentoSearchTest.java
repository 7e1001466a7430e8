package io.syncbatch.connector.magento;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.client.RestClient;

import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.connector.MalformedAnswerException;
import io.syncbatch.connector.StoreChannel;
import io.syncbatch.connector.StoreHttp;
import io.syncbatch.metrics.SyncMeters;
import io.syncbatch.secrets.Secrets;
import io.syncbatch.testsupport.ProjectDefinitions;
import io.syncbatch.testsupport.PublishedContractCheck;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Magento search read page by page over real HTTP, every request checked against
 * Magento's published admin schema: Magento answers a page past the last with the last
 * one again, so reading stops at {@code total_count}.
 */
class MagentoSearchTest {

	private static final PublishedContractCheck CONTRACT = PublishedContractCheck.of("magento/admin-schema-2.4.9.yaml");

	private static final String SEARCH = "/V1/customers/search";

	private final WireMockServer magento = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	private StoreChannel channel;

	@BeforeEach
	void connect() {
		magento.start();
		Map<String, String> settings = Map.of("syncbatch.stores.main.platform", "magento",
				"syncbatch.stores.main.timeout", "5s");
		SyncbatchProperties properties = new Binder(new MapConfigurationPropertySource(settings))
			.bindOrCreate("syncbatch", SyncbatchProperties.class);
		JsonMapper json = JsonMapper.builder().build();
		StoreHttp http = new StoreHttp(RestClient.builder(), json, Clock.systemUTC(), properties,
				new SyncMeters(new SimpleMeterRegistry(), properties, ProjectDefinitions.shipped()),
				new Secrets(new MockEnvironment()));
		URI root = URI.create(magento.baseUrl() + CONTRACT.basePath());
		channel = http.open("main", properties.stores().get("main"), () -> root,
				new MagentoDialect(new BearerToken("integration-token"), json));
	}

	@AfterEach
	void stop() {
		magento.stop();
	}

	@Test
	void readsEveryPageUpToTheTotalCountAndNeverAsksForThePageMagentoWouldRepeat() {
		answerPage(1, 0, 300, 450);
		answerPage(2, 300, 150, 450);
		// What Magento answers for a page past the last: the last page again.
		answerPage(3, 300, 150, 450);
		List<String> read = new ArrayList<>();

		long count = MagentoSearch.forEach(channel, SEARCH,
				new SearchCriteria(new SearchCriteria.Filter("updated_at", "gteq", "2026-12-01 00:00:00"),
						new SearchCriteria.Sort("updated_at", true), 300),
				item -> read.add(item.path("email").asString()));

		assertThat(count).isEqualTo(450);
		assertThat(read).hasSize(450).doesNotHaveDuplicates();
		assertThat(magento.findAll(getRequestedFor(urlPathEqualTo(CONTRACT.basePath() + SEARCH))))
			.extracting(request -> request.queryParameter("searchCriteria[currentPage]").firstValue())
			.containsExactly("1", "2");
		assertEveryRequestMatchesTheContract();
	}

	@Test
	void aValueTravelsEncodedAndComesBackAsItWas() {
		answerPage(1, 0, 1, 1);

		MagentoSearch.forEach(channel, SEARCH,
				new SearchCriteria(
						new SearchCriteria.Filter("email", "in", "ann+shop@fruitico.example,bob&co@fruitico.example"),
						null, 50),
				item -> {
				});

		LoggedRequest request = magento.getAllServeEvents().get(0).getRequest();
		assertThat(request.queryParameter("searchCriteria[filterGroups][0][filters][0][value]").firstValue())
			.isEqualTo("ann+shop@fruitico.example,bob&co@fruitico.example");
		assertThat(request.queryParameter("searchCriteria[filterGroups][0][filters][0][conditionType]").firstValue())
			.isEqualTo("in");
		assertThat(request.getHeader("Authorization")).isEqualTo("Bearer integration-token");
		assertEveryRequestMatchesTheContract();
	}

	@Test
	void aPageLargerThanMagentoAnswersIsRefusedAndAnAnswerWithoutATotalIsMalformed() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SearchCriteria(null, null, 301))
			.withMessage("a Magento page holds 1 to 300 items, not 301");
		magento.stubFor(get(urlPathEqualTo(CONTRACT.basePath() + SEARCH)).willReturn(okJson("{\"items\": []}")));

		assertThatThrownBy(() -> MagentoSearch.forEach(channel, SEARCH, new SearchCriteria(null, null, 10), item -> {
		})).isInstanceOf(MalformedAnswerException.class)
			.hasMessage(
					"GET /V1/customers/search page 1 on store main answered no items and total_count, which a Magento"
							+ " search answers");
	}

	private void answerPage(int page, int first, int size, int total) {
		StringBuilder items = new StringBuilder();
		for (int i = first; i < first + size; i++) {
			items.append(i == first ? "" : ",")
				.append("{\"id\": ")
				.append(i + 1)
				.append(", \"email\": \"shopper")
				.append(i + 1)
				.append("@fruitico.example\"}");
		}
		magento.stubFor(get(urlPathEqualTo(CONTRACT.basePath() + SEARCH))
			.withQueryParam("searchCriteria[currentPage]", equalTo(Integer.toString(page)))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"items\": [" + items + "], \"total_count\": " + total + "}")));
	}

	private void assertEveryRequestMatchesTheContract() {
		assertThat(magento.getAllServeEvents()).isNotEmpty()
			.allSatisfy(event -> assertThat(CONTRACT.problems(event.getRequest())).as(event.getRequest().getUrl())
				.isEmpty());
	}

}
