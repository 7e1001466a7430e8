package io.syncbatch.connector.magento;

import java.time.Clock;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.stereotype.Component;

import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.connector.Platform;
import io.syncbatch.connector.StoreConnection;
import io.syncbatch.connector.StoreHttp;
import tools.jackson.databind.json.JsonMapper;

/**
 * Magento 2 (Adobe Commerce): the admin REST API of one store view, reached at
 * {@code <api-url>/rest/<store-code>/V1/…}, each request signed with the integration's
 * OAuth 1.0a credentials or carrying its access token as a bearer token; or the local
 * sandbox that serves the same.
 */
@Component
class MagentoPlatform implements Platform {

	static final String NAME = "magento";

	private final StoreHttp http;

	private final JsonMapper json;

	MagentoPlatform(StoreHttp http, JsonMapper json) {
		this.http = http;
		this.json = json;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public StoreConnection connect(String name, SyncbatchProperties.Store store, Binder settings) {
		MagentoSettings own = settings.bindOrCreate("syncbatch.stores." + name, Bindable.of(MagentoSettings.class));
		own.check(store.sandbox());
		return new MagentoStore(name, store, own, http, json, Clock.systemUTC());
	}

}
