package io.syncbatch.connector.bigcommerce;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.stereotype.Component;

import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.connector.Platform;
import io.syncbatch.connector.StoreConnection;
import io.syncbatch.connector.StoreHttp;
import tools.jackson.databind.json.JsonMapper;

/**
 * BigCommerce: the v3 customers and catalog APIs and the v2 orders API of one store,
 * reached at {@code <api-url>/stores/<store-hash>} with the API account's token, or the
 * local sandbox that serves the same.
 */
@Component
class BigCommercePlatform implements Platform {

	static final String NAME = "bigcommerce";

	private final StoreHttp http;

	private final JsonMapper json;

	private final BigCommerceContracts contracts;

	BigCommercePlatform(StoreHttp http, JsonMapper json, BigCommerceContracts contracts) {
		this.http = http;
		this.json = json;
		this.contracts = contracts;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public StoreConnection connect(String name, SyncbatchProperties.Store store, Binder settings) {
		BigCommerceSettings own = settings.bindOrCreate("syncbatch.stores." + name,
				Bindable.of(BigCommerceSettings.class));
		own.check(store.sandbox());
		return new BigCommerceStore(name, store, own, http, json, contracts);
	}

}
