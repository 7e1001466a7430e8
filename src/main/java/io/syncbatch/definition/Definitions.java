package io.syncbatch.definition;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

import org.jspecify.annotations.Nullable;

import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.rules.Condition;
import io.syncbatch.rules.FilterCondition;
import io.syncbatch.rules.MappingRule;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;
import io.syncbatch.record.UntrustedText;

/**
 * The entity definitions of {@code jobs/}, read and checked once at startup so that a
 * broken file stops the engine with a message naming the file and the field, before any
 * job writes anything.
 */
@Component
public class Definitions {

	private static final Pattern ENTITY_NAME = Pattern.compile("[a-z][a-z0-9-]*");

	/**
	 * Column and parameter names are written into SQL around the query, so they must be
	 * plain identifiers.
	 */
	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	/**
	 * The query parameter naming the ERP company (Acumatica's tenant), which imports
	 * write into.
	 */
	public static final String COMPANY = "companyId";

	private static final Set<String> RESERVED_PARAMETERS = Set.of("store", "mode", "launched.at", BatchFilter.IDS);

	private final Map<String, EntityDefinition> byEntity = new TreeMap<>();

	private final List<EntityDefinition> syncOrder;

	public Definitions(SyncbatchProperties properties, ResourcePatternResolver resources) {
		YAMLMapper yaml = YAMLMapper.builder()
			.propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.build();
		for (Resource resource : find(resources, properties.definitions())) {
			EntityDefinition definition = read(yaml, resource);
			EntityDefinition previous = byEntity.put(definition.entity(), definition);
			if (previous != null) {
				throw new DefinitionException(definition.origin() + ": entity '" + definition.entity()
						+ "' is already defined by " + previous.origin());
			}
		}
		this.syncOrder = List.copyOf(dependencyOrder(byEntity));
	}

	/**
	 * Every entity after the entities its records refer to (customers before their sales
	 * orders), so a run of all entities in this order holds nothing that the same run
	 * could have sent.
	 */
	public List<EntityDefinition> inSyncOrder() {
		return syncOrder;
	}

	private static List<EntityDefinition> dependencyOrder(Map<String, EntityDefinition> byEntity) {
		for (EntityDefinition definition : byEntity.values()) {
			for (String referenced : definition.dependencies()) {
				if (!byEntity.containsKey(referenced)) {
					throw new DefinitionException(definition.origin() + ": mapping refers to entity '" + referenced
							+ "', which no file in jobs/ defines (defined: " + byEntity.keySet() + ")");
				}
			}
		}
		List<EntityDefinition> ordered = new ArrayList<>();
		Set<String> done = new HashSet<>();
		for (String entity : byEntity.keySet()) {
			visit(entity, byEntity, done, new ArrayList<>(), ordered);
		}
		return ordered;
	}

	private static void visit(String entity, Map<String, EntityDefinition> byEntity, Set<String> done,
			List<String> path, List<EntityDefinition> ordered) {
		if (done.contains(entity)) {
			return;
		}
		if (path.contains(entity)) {
			List<String> cycle = new ArrayList<>(path.subList(path.indexOf(entity), path.size()));
			cycle.add(entity);
			throw new DefinitionException(Objects.requireNonNull(byEntity.get(entity)).origin()
					+ ": entities refer to each other in a circle, so none can be sent first: "
					+ String.join(" -> ", cycle));
		}
		path.add(entity);
		for (String referenced : Objects.requireNonNull(byEntity.get(entity)).dependencies()) {
			visit(referenced, byEntity, done, path, ordered);
		}
		path.remove(path.size() - 1);
		done.add(entity);
		ordered.add(byEntity.get(entity));
	}

	public Collection<EntityDefinition> all() {
		return byEntity.values();
	}

	public EntityDefinition entity(String entity) {
		EntityDefinition definition = byEntity.get(entity);
		if (definition == null) {
			throw new IllegalArgumentException(
					"unknown entity " + UntrustedText.quoted(entity) + "; defined entities: " + byEntity.keySet());
		}
		return definition;
	}

	/** The job behind a name such as {@code customer-export}, or null. */
	public @Nullable EntityJob job(String jobName) {
		return byEntity.values()
			.stream()
			.flatMap(definition -> definition.jobs().stream())
			.filter(job -> job.name().equals(jobName))
			.findFirst()
			.orElse(null);
	}

	/**
	 * The sync an operator names for records: a job ({@code customer-import}), or an
	 * entity, meaning its export (its import when it only imports). Records are named by
	 * the key of the side that sync starts from: ERP ids for an export, store ids for an
	 * import.
	 */
	public EntityJob way(String entityOrJob) {
		EntityJob job = job(entityOrJob);
		if (job != null) {
			return job;
		}
		EntityDefinition definition = byEntity.get(entityOrJob);
		if (definition == null) {
			throw new IllegalArgumentException("unknown entity or job " + UntrustedText.quoted(entityOrJob)
					+ "; entities: " + byEntity.keySet() + ", jobs: " + jobNames());
		}
		return definition.jobs().get(0);
	}

	/** The job behind a name, or an error that lists the jobs there are. */
	public EntityJob requireJob(String jobName) {
		EntityJob job = job(jobName);
		if (job == null) {
			throw new IllegalArgumentException(
					"unknown job " + UntrustedText.quoted(jobName) + "; jobs: " + jobNames());
		}
		return job;
	}

	public Set<String> jobNames() {
		Set<String> names = new TreeSet<>();
		byEntity.values().forEach(definition -> definition.jobs().forEach(job -> names.add(job.name())));
		return names;
	}

	private static Resource[] find(ResourcePatternResolver resources, String pattern) {
		try {
			return resources.getResources(pattern);
		}
		catch (IOException e) {
			throw new DefinitionException("cannot list the entity definitions at " + pattern, e);
		}
	}

	private static EntityDefinition read(YAMLMapper yaml, Resource resource) {
		String origin = "jobs/" + resource.getFilename();
		EntityDefinition definition;
		try (InputStream in = resource.getInputStream()) {
			definition = yaml.readValue(in, EntityDefinition.class);
		}
		catch (JacksonException e) {
			throw new DefinitionException(
					origin + ": " + e.getOriginalMessage() + " at " + e.getPathReference() + locate(e), e);
		}
		catch (IOException e) {
			throw new DefinitionException(origin + ": cannot be read", e);
		}
		if (definition == null) {
			throw new DefinitionException(origin + ": is empty");
		}
		definition = definition.withOrigin(origin);
		List<String> problems = problems(definition, resource.getFilename());
		if (!problems.isEmpty()) {
			throw new DefinitionException(origin + ": " + String.join("; ", problems));
		}
		return definition;
	}

	private static String locate(JacksonException e) {
		return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
	}

	/** What a definition must say to be runnable; checked without touching the ERP. */
	static List<String> problems(EntityDefinition definition, @Nullable String fileName) {
		List<String> problems = new ArrayList<>();
		String entity = definition.entity();
		if (entity == null || !ENTITY_NAME.matcher(entity).matches()) {
			problems.add("entity must be a lower-case name such as 'customer', got '" + entity + "'");
		}
		else if (fileName != null && !fileName.equals(entity + ".yml")) {
			problems.add("entity '" + entity + "' must be defined in " + entity + ".yml");
		}
		SourceQuery source = definition.source();
		if (source == null) {
			problems.add("source is required");
		}
		else {
			require(problems, "source.query", source.query());
			require(problems, "source.key", source.key());
			require(problems, "source.change-column", source.changeColumn());
			identifier(problems, "source.key", source.key());
			identifier(problems, "source.change-column", source.changeColumn());
		}
		Set<String> parameters = new TreeSet<>(source == null ? Set.of() : source.parameters().keySet());
		for (int i = 0; i < definition.batchFilters().size(); i++) {
			BatchFilter filter = definition.batchFilters().get(i);
			String at = "batch-filters[" + i + "]";
			identifier(problems, at + ".parameter", filter.parameter());
			identifier(problems, at + ".column", filter.column());
			if (filter.match() == null) {
				problems.add(at + ".match is required (from, to or in)");
			}
			if (filter.parameter() != null
					&& (RESERVED_PARAMETERS.contains(filter.parameter()) || !parameters.add(filter.parameter()))) {
				problems.add(at + ".parameter '" + filter.parameter() + "' is already a job parameter");
			}
		}
		conditions(problems, "export-filter", definition.exportFilter());
		if (definition.target() == null) {
			problems.add("target is required");
		}
		else {
			require(problems, "target.resource", definition.target().resource());
			onPlatforms(problems, definition);
		}
		if (definition.direction() == SyncDirection.BIDIRECTIONAL && definition.primary() == null) {
			problems.add("primary is required for a bidirectional entity (erp or store): it decides which version"
					+ " wins when both sides changed a record");
		}
		if (definition.direction() != SyncDirection.BIDIRECTIONAL && definition.primary() != null) {
			problems
				.add("primary only applies to a bidirectional entity; direction is " + definition.direction().label());
		}
		ImportSpec importing = definition.importing();
		if (definition.direction() == SyncDirection.EXPORT) {
			if (importing != null) {
				problems.add("import is given but direction is export: say direction import or bidirectional");
			}
		}
		else if (importing == null) {
			problems.add("direction " + definition.direction().label() + " needs an import section (resource,"
					+ " mapping, erp-target): how store records are read and written into the ERP");
		}
		else {
			require(problems, "import.resource", importing.resource());
			if (importing.mapping().isEmpty()) {
				problems.add("import.mapping needs at least one rule: the ERP columns a store record fills");
			}
			if (importing.erpTarget() == null) {
				problems.add("import.erp-target is required: the ERP table imported records are written to");
			}
			else if (importing.erpTarget().keepStoreKey() && importing.storeKey() == null) {
				problems.add("import.store-key is required with erp-target.keep-store-key: the store field whose"
						+ " value a new ERP record keeps as its key");
			}
			conditions(problems, "import.filter", importing.filter());
			insertOnly(problems, "import.insert-only", importing.insertOnly(), importing.mapping());
			if (source != null && !(source.parameters().get(COMPANY) instanceof Integer)) {
				problems.add("source.parameters." + COMPANY + " (a whole number) is required to import: the ERP"
						+ " company imported records are written to");
			}
		}
		if (!definition.events().isEmpty() && !definition.syncs(SyncMode.ON_EVENT)) {
			problems.add("events are given but sync-modes " + definition.syncModes() + " has no on-event");
		}
		for (String event : definition.events()) {
			if (event == null || !event.matches("[a-z0-9][a-z0-9-]{0,63}")) {
				problems.add("event " + UntrustedText.quoted(event)
						+ " is not an event name (lower-case letters, digits and dashes, e.g. shift-closed)");
			}
		}
		if (definition.chunkSize() < 1 || definition.chunkSize() > 10_000) {
			problems.add("chunk-size must be between 1 and 10000, got " + definition.chunkSize());
		}
		if (definition.maxAttempts() < 1) {
			problems.add("max-attempts must be at least 1, got " + definition.maxAttempts());
		}
		return problems;
	}

	/**
	 * A platform's names may only rename or leave out fields the mapping fills, each
	 * once, and must not make two fields one; only a bidirectional entity can go one way
	 * on a platform.
	 */
	private static void onPlatforms(List<String> problems, EntityDefinition definition) {
		// Exactly as the rules spell them: records are renamed by these names as they
		// are.
		Set<String> filled = new TreeSet<>();
		definition.mapping().forEach(rule -> rule.targets().forEach(target -> filled.add(target.split("\\.")[0])));
		definition.target().platforms().forEach((platform, fields) -> {
			String at = "target.platforms." + platform;
			if (fields.direction() == SyncDirection.BIDIRECTIONAL) {
				problems.add(at + ".direction: export or import, the one way the entity goes on " + platform
						+ " (leave it out for both ways)");
			}
			else if (fields.direction() != null && !definition.direction().ways().contains(fields.direction())) {
				problems.add(at + ".direction: " + fields.direction().label() + ", but the entity goes "
						+ definition.direction().label() + " only");
			}
			Set<String> sent = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
			for (String field : filled) {
				if (fields.omit().contains(field)) {
					continue;
				}
				String named = fields.rename().getOrDefault(field, field);
				if (named == null || named.isBlank()) {
					problems.add(at + ".rename." + field + " needs the platform's name of the field");
				}
				else if (!sent.add(named)) {
					problems.add(at + ".rename." + field + ": '" + named + "' is already a field sent to " + platform
							+ "; two fields would become one");
				}
			}
			fields.rename()
				.keySet()
				.stream()
				.filter(field -> !filled.contains(field))
				.forEach(field -> problems
					.add(at + ".rename." + field + ": no mapping rule fills '" + field + "' (filled: " + filled + ")"));
			fields.omit()
				.stream()
				.filter(field -> !filled.contains(field))
				.forEach(field -> problems
					.add(at + ".omit: no mapping rule fills '" + field + "' (filled: " + filled + ")"));
			replacing(problems, at + ".mapping", fields.mapping(), definition.mapping(), "mapping");
			if (fields.importing() != null) {
				if (definition.importing() == null || fields.direction() == SyncDirection.EXPORT) {
					problems.add(at + ".import: the entity is not imported from " + platform);
				}
				else {
					replacing(problems, at + ".import.mapping", fields.importing().mapping(),
							definition.importing().mapping(), "import.mapping");
					insertOnly(problems, at + ".import.insert-only", fields.importing().insertOnly(),
							definition.importing().mapping());
				}
			}
		});
	}

	/**
	 * A platform's rule takes the place of the definition's rule of the same targets: one
	 * without such a rule would fill a field the definition does not have, which is
	 * likelier a misspelt target than a wish.
	 */
	private static void replacing(List<String> problems, String at, List<MappingRule> replacements,
			List<MappingRule> rules, String where) {
		for (int i = 0; i < replacements.size(); i++) {
			List<String> targets = replacements.get(i).targets();
			if (rules.stream().noneMatch(rule -> rule.targets().equals(targets))) {
				problems.add(at + "[" + i + "] fills " + targets + ", but no rule of " + where
						+ " does: a platform's rule replaces the definition's rule of the same target");
			}
		}
	}

	/** A column written only into new records is one the import's rules fill. */
	private static void insertOnly(List<String> problems, String at, List<String> columns, List<MappingRule> rules) {
		Set<String> filled = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		rules.forEach(rule -> filled.addAll(rule.targets()));
		columns.stream()
			.filter(column -> !filled.contains(column))
			.forEach(column -> problems.add(at + ": no rule of import.mapping fills '" + column + "'"));
	}

	private static void conditions(List<String> problems, String where, List<FilterCondition> conditions) {
		for (int i = 0; i < conditions.size(); i++) {
			FilterCondition condition = conditions.get(i);
			String at = where + "[" + i + "]";
			require(problems, at + ".field", condition.field());
			if (condition.condition() == null) {
				problems.add(at + ".condition is required");
			}
			else {
				if (condition.condition().takesValue()) {
					require(problems, at + ".value", condition.value());
				}
				if (condition.condition() == Condition.BETWEEN) {
					require(problems, at + ".value2", condition.value2());
				}
			}
		}
	}

	private static void identifier(List<String> problems, String field, @Nullable String value) {
		if (value == null || !IDENTIFIER.matcher(value).matches()) {
			problems.add(field + " must be a plain column or parameter name, got '" + value + "'");
		}
	}

	private static void require(List<String> problems, String field, @Nullable String value) {
		if (value == null || value.isBlank()) {
			problems.add(field + " is required");
		}
	}

}
