package io.syncbatch.testsupport;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Body;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.jspecify.annotations.Nullable;

/**
 * Checks requests recorded by WireMock against one published OpenAPI contract, parsed
 * once.
 */
final class ContractRequestValidator {

	private static final int MAX_BODY_IN_REPORT = 2_000;

	/**
	 * Message levels that differ from the validator's defaults. Nothing is downgraded: no
	 * message the validator raises about our requests is ignored.
	 */
	private static final Map<String, ValidationReport.Level> LEVELS = Map.of(
			// The validator ignores unknown query parameters by default, but BigCommerce
			// silently ignores filters it does not know, so a misspelt filter (email= for
			// email:in=) would quietly widen a lookup to the whole store. That is a
			// connector bug worth failing on.
			"validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR);

	/** What the validator reports for a path the contract has no template for. */
	static final String PATH_MISSING = "validation.request.path.missing";

	private final PublishedContract contract;

	private final OpenApiInteractionValidator validator;

	private final List<String> contractWarnings;

	private final List<String> errata;

	ContractRequestValidator(PublishedContract published) {
		ContractErrata errata = new ContractErrata();
		Path corrected = errata.correct(published.file());
		// The credentials are those of the corrected copy (Magento's are an erratum).
		PublishedContract contract = published.withCredentialHeadersOf(errata.document());
		this.contract = contract;
		String location = corrected.toUri().toString();
		this.errata = errata.applied();
		OpenApiInteractionValidator loaded;
		List<String> warnings;
		try {
			loaded = configure(OpenApiInteractionValidator.createForSpecificationUrl(location), contract).build();
			warnings = List.of();
		}
		catch (OpenApiInteractionValidator.ApiLoadException strictLoadFailure) {
			// The validator refuses any contract its parser has a remark about. Some
			// published contracts (orders.v2, channels.v3) carry defects in parts of the
			// document, such as a null requestBodies or stray keys in examples, which say
			// nothing about the requests we send. Such a contract is still used as far as
			// the parser understood it; the remarks are kept for contractWarnings().
			SwaggerParseResult parsed = new OpenAPIParser().readLocation(location, null, parseOptions());
			if (parsed == null || parsed.getOpenAPI() == null) {
				throw new IllegalStateException(
						"Cannot parse published contract " + contract.file() + ": " + strictLoadFailure.getMessage(),
						strictLoadFailure);
			}
			loaded = configure(OpenApiInteractionValidator.createFor(parsed.getOpenAPI()), contract).build();
			warnings = parsed.getMessages() == null ? List.of() : List.copyOf(parsed.getMessages());
		}
		this.validator = loaded;
		this.contractWarnings = warnings;
	}

	/**
	 * What the OpenAPI parser found wrong in the contract document itself; empty for a
	 * clean contract.
	 */
	List<String> contractWarnings() {
		return contractWarnings;
	}

	/**
	 * The corrections {@link ContractErrata} made to the published document before
	 * validating against it.
	 */
	List<String> errata() {
		return errata;
	}

	PublishedContract contract() {
		return contract;
	}

	/**
	 * Whether the request's path lies below this contract's base path, e.g.
	 * /stores/abc/v3.
	 */
	boolean coversBasePathOf(LoggedRequest request) {
		String path = pathOf(request.getUrl());
		String base = contract.basePath();
		return path.startsWith(base) && (path.length() == base.length() || path.charAt(base.length()) == '/');
	}

	/**
	 * Whether the validator found no path template for the request, i.e. the contract
	 * does not own it.
	 */
	static boolean pathUndeclared(ValidationReport report) {
		return report.getMessages().stream().anyMatch(message -> PATH_MISSING.equals(message.getKey()));
	}

	private static String pathOf(String url) {
		int queryStart = url.indexOf('?');
		return queryStart < 0 ? url : url.substring(0, queryStart);
	}

	private static OpenApiInteractionValidator.Builder configure(OpenApiInteractionValidator.Builder builder,
			PublishedContract contract) {
		LevelResolver.Builder levels = LevelResolver.create();
		LEVELS.forEach(levels::withLevel);
		return builder.withBasePathOverride(contract.basePath())
			// The validator rejects undeclared properties, and the contracts split some
			// objects into allOf branches (e.g. customer authentication); unmerged, each
			// branch would reject the other's properties and fail valid requests.
			.withResolveCombinators(true)
			.withLevelResolver(levels.build())
			.withCustomRequestValidation(ContractRequestValidator::bodyNeedsContentType)
			.withCustomRequestValidation((request, operation) -> credentialsPresent(request, operation, contract));
	}

	/**
	 * The same options the validator uses when it loads a contract itself, with allOf
	 * merged as above.
	 */
	private static ParseOptions parseOptions() {
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		options.setResolveFully(true);
		options.setResolveCombinators(true);
		return options;
	}

	/**
	 * The validator only checks a body against the media types the contract declares when
	 * the request names one; without a Content-Type the body would not be checked at all.
	 */
	private static ValidationReport bodyNeedsContentType(Request request, ApiOperation operation) {
		if (request.getRequestBody().filter(Body::hasBody).isPresent() && request.getContentType().isEmpty()) {
			return ValidationReport.singleton(ValidationReport.Message
				.create("syncbatch.request.contentType.missing",
						"Request has a body but no Content-Type header, so the contract's request body cannot apply.")
				.build());
		}
		return ValidationReport.empty();
	}

	/**
	 * The validator only checks security declared on an operation and skips the
	 * document-wide {@code security}, which is the only place the BigCommerce contracts
	 * declare it, so on its own it accepts requests without credentials. Their
	 * document-wide list also names an {@code X-Auth-Client} scheme that is never
	 * defined; only schemes the contract defines (here the {@code X-Auth-Token} header)
	 * can satisfy it.
	 */
	private static ValidationReport credentialsPresent(Request request, ApiOperation operation,
			PublishedContract contract) {
		boolean declaredPublic = operation.getOperation().getSecurity() != null
				&& operation.getOperation().getSecurity().isEmpty();
		if (declaredPublic || contract.credentialHeaders().isEmpty()) {
			return ValidationReport.empty();
		}
		for (String header : contract.credentialHeaders()) {
			if (request.getHeaderValue(header).filter(value -> !value.isBlank()).isPresent()) {
				return ValidationReport.empty();
			}
		}
		return ValidationReport.singleton(
				ValidationReport.Message
					.create("syncbatch.request.security.missing",
							"Request carries none of the credentials the contract defines: header "
									+ String.join(" or ", contract.credentialHeaders()) + ".")
					.build());
	}

	ValidationReport validate(LoggedRequest request) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (HttpHeader header : request.getHeaders().all()) {
			headers.put(header.key(), header.values());
		}
		return validate(request.getMethod().getName(), request.getUrl(), headers, request.getBody());
	}

	/** A request as the connector would send it, with its path from the server's root. */
	ValidationReport validate(String method, String url, Map<String, List<String>> headers, byte @Nullable [] body) {
		int queryStart = url.indexOf('?');
		String path = queryStart < 0 ? url : url.substring(0, queryStart);
		SimpleRequest.Builder builder = new SimpleRequest.Builder(method, path);
		if (queryStart >= 0) {
			queryParameters(url.substring(queryStart + 1)).forEach(builder::withQueryParam);
		}
		headers.forEach(builder::withHeader);
		if (body != null && body.length > 0) {
			builder.withBody(body);
		}
		return validator.validateRequest(builder.build());
	}

	/**
	 * Checks what WireMock sent back, e.g. to prove the sandbox's answers follow the
	 * contract too.
	 */
	ValidationReport validateResponse(ServeEvent event) {
		LoggedRequest request = event.getRequest();
		LoggedResponse response = event.getResponse();
		String url = request.getUrl();
		int queryStart = url.indexOf('?');
		SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.getStatus());
		for (HttpHeader header : response.getHeaders().all()) {
			builder.withHeader(header.key(), header.values());
		}
		byte[] body = response.getBody();
		if (body != null && body.length > 0) {
			builder.withBody(body);
		}
		return validator.validateResponse(queryStart < 0 ? url : url.substring(0, queryStart),
				Request.Method.valueOf(request.getMethod().getName()), builder.build());
	}

	static String describe(int number, LoggedRequest request, PublishedContract contract, ValidationReport report) {
		StringBuilder text = header(number, request);
		text.append("  contract: ").append(contract.file()).append('\n');
		for (ValidationReport.Message message : report.getMessages()) {
			if (message.getLevel() != ValidationReport.Level.ERROR) {
				continue;
			}
			text.append("  - ").append(message.getKey()).append(": ").append(message.getMessage()).append('\n');
			for (String info : message.getAdditionalInfo()) {
				text.append("      ").append(info).append('\n');
			}
			for (ValidationReport.Message nested : message.getNestedMessages()) {
				text.append("      ").append(nested.getKey()).append(": ").append(nested.getMessage()).append('\n');
			}
		}
		return text.toString();
	}

	/** For a request whose path no loaded contract declares. */
	static String describeUndeclared(int number, LoggedRequest request, List<Path> contracts) {
		StringBuilder text = header(number, request);
		text.append("  - no published contract declares ")
			.append(request.getMethod().getName())
			.append(' ')
			.append(pathOf(request.getUrl()))
			.append(" (checked: ");
		for (int i = 0; i < contracts.size(); i++) {
			text.append(i == 0 ? "" : ", ").append(contracts.get(i).getFileName());
		}
		return text.append(")\n").toString();
	}

	private static StringBuilder header(int number, LoggedRequest request) {
		StringBuilder text = new StringBuilder().append("#")
			.append(number)
			.append(' ')
			.append(request.getMethod().getName())
			.append(' ')
			.append(request.getUrl())
			.append('\n');
		String body = request.getBodyAsString();
		if (body != null && !body.isEmpty()) {
			text.append("  body: ")
				.append(body.length() > MAX_BODY_IN_REPORT ? body.substring(0, MAX_BODY_IN_REPORT) + "..." : body)
				.append('\n');
		}
		return text;
	}

	private static Map<String, List<String>> queryParameters(String rawQuery) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		for (String pair : rawQuery.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
		}
		return parameters;
	}

}
