package io.syncbatch.connector.magento;

import java.net.URI;

import org.springframework.http.HttpMethod;

/** The {@code Authorization} header of one request to a Magento store. */
interface Authorization {

	/**
	 * @param method the request's method
	 * @param uri the request's full address, query included, as it is sent
	 */
	String header(HttpMethod method, URI uri);

}
