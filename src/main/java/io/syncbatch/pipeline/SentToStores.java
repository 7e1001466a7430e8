package io.syncbatch.pipeline;

import org.springframework.stereotype.Component;

import io.syncbatch.connector.StoreConnectors;
import io.syncbatch.definition.Definitions;
import io.syncbatch.definition.SyncDirection;

/**
 * Whether an entity's records go from the ERP to a store, as its definition works on the
 * store's platform: Magento's orders only come from Magento, so an ERP order not imported
 * from that store is never in it.
 */
@Component
public class SentToStores {

	private final Definitions definitions;

	private final StoreConnectors stores;

	SentToStores(Definitions definitions, StoreConnectors stores) {
		this.definitions = definitions;
		this.stores = stores;
	}

	boolean sends(String entity, String store) {
		return definitions.entity(entity).on(stores.platform(store)).direction().ways().contains(SyncDirection.EXPORT);
	}

}
