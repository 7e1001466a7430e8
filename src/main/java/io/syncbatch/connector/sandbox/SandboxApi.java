package io.syncbatch.connector.sandbox;

/**
 * What a platform's sandbox answers over HTTP: its routes, and its refusals in the
 * platform's own error shape.
 */
public interface SandboxApi {

	/**
	 * The answer to one request.
	 * @throws SandboxRejection when the request is refused; {@link #refusal} renders it
	 */
	Reply answer(SandboxExchange exchange);

	/** A refusal as the platform words it ({@code {"message": …}} for Magento). */
	Reply refusal(SandboxRejection rejection, SandboxExchange exchange);

}
