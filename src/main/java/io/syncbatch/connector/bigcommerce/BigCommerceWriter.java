package io.syncbatch.connector.bigcommerce;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;

import io.syncbatch.connector.OutgoingRecord;
import io.syncbatch.connector.ResourceReader.StoreDocument;
import io.syncbatch.connector.ResourceWriter;
import io.syncbatch.connector.StoreChannel;
import io.syncbatch.connector.StoreRejectedException;
import io.syncbatch.connector.WritePlan;
import io.syncbatch.connector.WriteResult;
import io.syncbatch.connector.bigcommerce.BigCommerceResource.Write;
import io.syncbatch.history.LastOperation;
import tools.jackson.databind.JsonNode;

/**
 * The requests of one BigCommerce resource, each of the shape its contract allows
 * ({@link BigCommerceResources}).
 */
final class BigCommerceWriter implements ResourceWriter {

	static final int BATCH_LIMIT = 10;

	private static final int PAGE_LIMIT = 250;

	private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([a-z_]+)}");

	private final BigCommerceResource resource;

	private final StoreChannel http;

	private final List<String> inPath;

	private final String contract;

	private final @Nullable FieldLimits createLimits;

	private final @Nullable FieldLimits updateLimits;

	private final @Nullable Function<JsonNode, @Nullable StoreDocument> answers;

	/**
	 * @param contract the published contract that declares the resource's requests: the
	 * limits of their bodies are read from it once, here
	 * @param answers reads a record of the store's answer as the resource's reader reads
	 * it, or null where nothing reads the resource
	 */
	BigCommerceWriter(BigCommerceResource resource, StoreChannel http, OpenApiContract contract,
			@Nullable Function<JsonNode, @Nullable StoreDocument> answers) {
		this.resource = resource;
		this.http = http;
		this.answers = answers;
		List<String> variables = new ArrayList<>();
		Matcher matcher = PATH_VARIABLE.matcher(resource.path());
		while (matcher.find()) {
			variables.add(matcher.group(1));
		}
		this.inPath = List.copyOf(variables);
		this.contract = contract.name();
		String below = belowBasePath(resource.path(), contract);
		this.createLimits = resource.create() == Write.IN_PLACE ? null
				: bodyItem(contract.requestBody(HttpMethod.POST, below));
		this.updateLimits = bodyItem(
				contract.requestBody(HttpMethod.PUT, resource.update() == Write.BY_ID ? below + "/{id}" : below));
	}

	/**
	 * What the contract forbids in the requests this record would make: the create (with
	 * the fields it requires) while the store has no id for it, and the update, which a
	 * record found again by its natural key gets instead. The body is the one
	 * {@link #create} or {@link #update} would send, except a shipment's {@code items},
	 * which are sent as the order's own line ids once those are looked up.
	 */
	@Override
	public @Nullable String forbidden(OutgoingRecord record) {
		List<String> problems = new ArrayList<>();
		if (record.externalId() == null && createLimits != null) {
			createLimits.check("", checkedBody(record.payload(), true), true, problems);
		}
		if (updateLimits != null) {
			updateLimits.check("", checkedBody(record.payload(), false), false, problems);
		}
		return problems.isEmpty() ? null
				: problems.stream().distinct().collect(Collectors.joining("; ")) + " (" + contract + ")";
	}

	private Map<String, @Nullable Object> checkedBody(Map<String, @Nullable Object> payload, boolean create) {
		Map<String, @Nullable Object> body = bodyOf(payload, null, create);
		if (resource.shipsOrderItems()) {
			body.remove("items");
		}
		return body;
	}

	/** A batch request's body is a list: each record is one of its items. */
	private static @Nullable FieldLimits bodyItem(@Nullable FieldLimits body) {
		return body == null || body.items() == null ? body : body.items();
	}

	private static String belowBasePath(String path, OpenApiContract contract) {
		if (!path.startsWith(contract.basePath() + "/")) {
			throw new IllegalStateException(
					path + " is not below " + contract.basePath() + ", the base path of " + contract.name());
		}
		return path.substring(contract.basePath().length());
	}

	@Override
	public WritePlan plan() {
		WritePlan.Creation creation = resource.create() == Write.IN_PLACE ? WritePlan.Creation.IN_PLACE
				: resource.lookup().enforced() ? WritePlan.Creation.CREATE_FIRST : WritePlan.Creation.LOOKUP_FIRST;
		return new WritePlan(creation, resource.create() == Write.BATCH ? BATCH_LIMIT : 1,
				resource.update() == Write.BATCH ? BATCH_LIMIT : 1);
	}

	@Override
	public List<WriteResult> create(List<OutgoingRecord> batch) {
		if (resource.create() == Write.BATCH) {
			List<JsonNode> answered = items(http.send(HttpMethod.POST, resource.path(), Map.of(),
					batch.stream().map(record -> bodyOf(record.payload(), null, true)).toList()));
			return batch.stream().map(record -> {
				JsonNode item = matching(record.payload(), answered);
				String id = item == null ? "" : item.path("id").asString("");
				return id.isEmpty()
						? WriteResult.rejected(record.key(),
								"the store accepted the batch but returned no id for " + naturalKey(record))
						: WriteResult.written(record.key(), id, LastOperation.INSERTED_EXTERNALLY, answer(item));
			}).toList();
		}
		OutgoingRecord record = single(batch);
		Map<String, @Nullable Object> payload = resource.shipsOrderItems()
				? new OrderShipmentItems(http).resolve(record.payload()) : record.payload();
		JsonNode response = http.send(HttpMethod.POST, resource.path(), pathVariables(payload),
				bodyOf(payload, null, true));
		String id = items(response).stream().findFirst().map(item -> item.path("id").asString("")).orElse("");
		return List.of(id.isEmpty() ? WriteResult.rejected(record.key(), "the store accepted it but returned no id")
				: WriteResult.written(record.key(), id, LastOperation.INSERTED_EXTERNALLY));
	}

	@Override
	public List<WriteResult> update(List<OutgoingRecord> batch) {
		if (resource.update() == Write.BATCH) {
			List<JsonNode> answered = items(http.send(HttpMethod.PUT, resource.path(), Map.of(),
					batch.stream().map(record -> bodyOf(record.payload(), record.externalId(), false)).toList()));
			Map<String, JsonNode> byId = new HashMap<>();
			answered.forEach(item -> byId.put(item.path("id").asString(""), item));
			return batch.stream()
				.map(record -> WriteResult.written(record.key(), Objects.requireNonNull(record.externalId()),
						LastOperation.UPDATED_EXTERNALLY, answer(byId.get(record.externalId()))))
				.toList();
		}
		OutgoingRecord record = single(batch);
		Map<String, Object> variables = new HashMap<>(pathVariables(record.payload()));
		if (resource.update() == Write.IN_PLACE) {
			http.send(HttpMethod.PUT, resource.path(), variables, bodyOf(record.payload(), null, false));
			String owner = String.valueOf(variables.values().iterator().next());
			return List.of(WriteResult.written(record.key(), owner, LastOperation.UPDATED_EXTERNALLY));
		}
		variables.put("id", record.externalId());
		List<JsonNode> answered = items(
				http.send(HttpMethod.PUT, resource.path() + "/{id}", variables, bodyOf(record.payload(), null, false)));
		return List.of(WriteResult.written(record.key(), Objects.requireNonNull(record.externalId()),
				LastOperation.UPDATED_EXTERNALLY, answer(answered.isEmpty() ? null : answered.get(0))));
	}

	@Override
	public Map<String, String> lookup(List<OutgoingRecord> records) {
		Map<String, String> found = new HashMap<>();
		if (resource.lookup().none() || records.isEmpty()) {
			return found;
		}
		if (resource.lookup().batched()) {
			Map.Entry<String, String> filter = resource.lookup().query().entrySet().iterator().next();
			for (int from = 0; from < records.size(); from += BATCH_LIMIT) {
				List<OutgoingRecord> batch = records.subList(from, Math.min(records.size(), from + BATCH_LIMIT));
				String values = batch.stream()
					.map(record -> text(record.payload().get(filter.getValue())))
					.distinct()
					.collect(Collectors.joining(","));
				List<JsonNode> candidates = pages(resource.path() + "?" + filter.getKey() + "={values}",
						Map.of("values", values));
				batch.forEach(record -> remember(found, record, idOfMatching(record.payload(), candidates)));
			}
			return found;
		}
		for (OutgoingRecord record : records) {
			StringBuilder query = new StringBuilder();
			Map<String, Object> variables = new HashMap<>(pathVariables(record.payload()));
			resource.lookup().query().forEach((parameter, field) -> {
				query.append(query.isEmpty() ? "?" : "&").append(parameter).append("={").append(field).append('}');
				variables.put(field, record.payload().get(field));
			});
			remember(found, record, idOfMatching(record.payload(), pages(resource.path() + query, variables)));
		}
		return found;
	}

	/**
	 * What {@link #lookup} reads of a record: its query, the fields it matches and the
	 * path.
	 */
	@Override
	public Map<String, @Nullable Object> lookupFields(OutgoingRecord record) {
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		Stream.of(resource.lookup().query().values(), resource.lookup().match(), inPath)
			.flatMap(Collection::stream)
			.filter(record.payload()::containsKey)
			.forEach(field -> fields.put(field, record.payload().get(field)));
		return fields;
	}

	@Override
	public boolean deletes() {
		return resource.deletes();
	}

	@Override
	public void delete(List<String> externalIds) {
		if (!resource.deletes()) {
			ResourceWriter.super.delete(externalIds);
		}
		http.send(HttpMethod.DELETE, resource.path() + "?id:in={ids}", Map.of("ids", String.join(",", externalIds)),
				null);
	}

	@Override
	public String naturalKey(OutgoingRecord record) {
		return resource.lookup()
			.match()
			.stream()
			.map(field -> field + " " + record.payload().get(field))
			.collect(Collectors.joining(", "));
	}

	private static OutgoingRecord single(List<OutgoingRecord> batch) {
		if (batch.size() != 1) {
			throw new IllegalArgumentException("this request takes one record, not " + batch.size());
		}
		return batch.get(0);
	}

	private static void remember(Map<String, String> found, OutgoingRecord record, @Nullable String id) {
		if (id != null) {
			found.put(record.key(), id);
		}
	}

	/**
	 * Every item a lookup returns, page by page, so a customer with many orders is still
	 * searched in full.
	 */
	private List<JsonNode> pages(String pathAndQuery, Map<String, Object> variables) {
		List<JsonNode> all = new ArrayList<>();
		String paged = pathAndQuery + (pathAndQuery.contains("?") ? "&" : "?") + "limit={limit}&page={page}";
		for (int page = 1;; page++) {
			Map<String, Object> pageVariables = new HashMap<>(variables);
			pageVariables.put("limit", PAGE_LIMIT);
			pageVariables.put("page", page);
			List<JsonNode> items = items(http.send(HttpMethod.GET, paged, pageVariables, null));
			all.addAll(items);
			if (items.size() < PAGE_LIMIT) {
				return all;
			}
		}
	}

	/**
	 * The answered record as the resource's reader would read it, when something reads
	 * the resource and the store answered it.
	 */
	private @Nullable StoreDocument answer(@Nullable JsonNode item) {
		return answers == null || item == null ? null : answers.apply(item);
	}

	private @Nullable String idOfMatching(Map<String, @Nullable Object> payload, List<JsonNode> candidates) {
		JsonNode matching = matching(payload, candidates);
		if (matching == null) {
			return null;
		}
		String id = matching.path("id").asString("");
		return id.isEmpty() ? null : id;
	}

	private @Nullable JsonNode matching(Map<String, @Nullable Object> payload, List<JsonNode> candidates) {
		for (JsonNode candidate : candidates) {
			boolean same = resource.lookup()
				.match()
				.stream()
				.allMatch(field -> text(payload.get(field)).equalsIgnoreCase(candidate.path(field).asString("")));
			if (same) {
				return candidate;
			}
		}
		return null;
	}

	/**
	 * The payload without the fields that went into the path, and without create-only
	 * fields on update.
	 */
	private Map<String, @Nullable Object> bodyOf(Map<String, @Nullable Object> payload, @Nullable String id,
			boolean create) {
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		if (id != null) {
			body.put("id", Long.valueOf(id));
		}
		payload.forEach((field, value) -> {
			if (!inPath.contains(field) && (create || !resource.createOnly().contains(field))) {
				body.put(field, value);
			}
		});
		return body;
	}

	private Map<String, Object> pathVariables(Map<String, @Nullable Object> payload) {
		Map<String, Object> variables = new LinkedHashMap<>();
		for (String variable : inPath) {
			Object value = payload.get(variable);
			if (value == null) {
				throw new StoreRejectedException("the mapping gave no " + variable + ", which " + resource.name()
						+ " needs in its path " + resource.path());
			}
			variables.put(variable, value);
		}
		return variables;
	}

	/**
	 * v3 answers {@code {data: [...]}} or {@code {data: {...}}}; v2 a bare array or
	 * object, or nothing (204).
	 */
	static List<JsonNode> items(JsonNode response) {
		JsonNode data = response.has("data") ? response.get("data") : response;
		List<JsonNode> items = new ArrayList<>();
		if (data.isArray()) {
			data.forEach(items::add);
		}
		else if (data.isObject() && !data.isEmpty()) {
			items.add(data);
		}
		return items;
	}

	private static String text(@Nullable Object value) {
		return Objects.toString(value, "").toLowerCase(Locale.ROOT);
	}

}
