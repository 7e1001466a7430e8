package io.syncbatch.connector.sandbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request the sandbox refuses, carried up to the HTTP layer so that it is rendered in
 * BigCommerce's error shape ({@code status}, {@code title}, {@code type},
 * {@code errors}).
 */
public final class SandboxRejection extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int status;

	private final Map<String, String> errors;

	private final List<String> allowedMethods;

	public SandboxRejection(int status, String title, Map<String, String> errors) {
		this(status, title, errors, List.of());
	}

	private SandboxRejection(int status, String title, Map<String, String> errors, List<String> allowedMethods) {
		super(title);
		this.status = status;
		// Insertion order is kept so that errors read in request order.
		this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
		this.allowedMethods = List.copyOf(allowedMethods);
	}

	/** 405, with the methods the path does support for the {@code Allow} header. */
	public static SandboxRejection methodNotAllowed(String title, List<String> allowedMethods) {
		return new SandboxRejection(405, title, Map.of(), allowedMethods);
	}

	public static SandboxRejection badRequest(String title) {
		return new SandboxRejection(400, title, Map.of());
	}

	public int status() {
		return status;
	}

	public String title() {
		return Objects.requireNonNull(getMessage());
	}

	public Map<String, String> errors() {
		return errors;
	}

	public List<String> allowedMethods() {
		return allowedMethods;
	}

}
