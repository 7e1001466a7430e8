package io.syncbatch.connector.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every resource of one sandbox store, behind one lock and, optionally, in one data file.
 *
 * <p>
 * One lock for all resources because their rules cross: an address needs its customer, an
 * order its products, a shipment its order. A change runs against working copies of the
 * tables it touches; only when it returns normally is the whole store written to the data
 * file and then published, so a refused request or a failed disk write leaves memory and
 * file as they were.
 */
public final class StoreData {

	private static final String FILE_FORMAT = "format";

	private static final String FILE_ROWS = "rows";

	private static final String FILE_NEXT_ID = "next_id";

	private static final String FIRST_FORMAT_TABLE = "customers";

	private final JsonMapper mapper;

	private final List<String> tableNames;

	private final String format;

	private final boolean readsFirstFormat;

	private final @Nullable Path dataFile;

	private final Object lock = new Object();

	private Map<String, Table> tables;

	/**
	 * @param tableNames the store's resources, each a table of rows with an integer
	 * {@code id}
	 * @param format what the data file says it is, e.g.
	 * {@code syncbatch-sandbox-store/2}: a file of another format is refused, not
	 * overwritten
	 */
	public StoreData(JsonMapper mapper, @Nullable Path dataFileOrNull, List<String> tableNames, String format) {
		this(mapper, dataFileOrNull, tableNames, format, false);
	}

	/**
	 * @param readsFirstFormat the sandbox also reads the first format of all, customers
	 * only, which only the BigCommerce sandbox wrote
	 */
	public StoreData(JsonMapper mapper, @Nullable Path dataFileOrNull, List<String> tableNames, String format,
			boolean readsFirstFormat) {
		this.mapper = mapper;
		this.dataFile = dataFileOrNull;
		this.tableNames = List.copyOf(tableNames);
		this.format = format;
		this.readsFirstFormat = readsFirstFormat;
		this.tables = emptyTables();
	}

	/**
	 * The tables a change may read and write. Tables it never asks for are not copied.
	 */
	public final class Tables {

		private final Map<String, Table> working = new HashMap<>();

		private final boolean writable;

		private Tables(boolean writable) {
			this.writable = writable;
		}

		public Table get(String name) {
			Table published = tables.get(name);
			if (published == null) {
				throw new IllegalArgumentException("no table " + name);
			}
			return writable ? working.computeIfAbsent(name, n -> published.workingCopy()) : published;
		}

	}

	/** A copy of every row of a table, by id, as plain maps. */
	public List<Map<String, Object>> snapshot(String table) {
		List<ObjectNode> rows = read(tables -> tables.get(table).rows());
		List<Map<String, Object>> copies = new ArrayList<>(rows.size());
		for (ObjectNode row : rows) {
			copies.add(mapper.treeToValue(row, new TypeReference<LinkedHashMap<String, Object>>() {
			}));
		}
		return copies;
	}

	/**
	 * Replaces the in-memory state with the data file's, if there is one.
	 * @return whether there was one
	 */
	public boolean load() {
		if (dataFile == null || !Files.exists(dataFile)) {
			return false;
		}
		Map<String, Table> loaded;
		try {
			loaded = parse(mapper.readTree(dataFile));
		}
		catch (JacksonException | IllegalStateException e) {
			// Refuse to start rather than silently overwrite a store someone may still
			// need.
			throw new IllegalStateException("Cannot read sandbox data file " + dataFile + ": " + e.getMessage(), e);
		}
		synchronized (lock) {
			tables = loaded;
		}
		return true;
	}

	public void clear() {
		synchronized (lock) {
			Map<String, Table> empty = emptyTables();
			persist(empty);
			tables = empty;
		}
	}

	public <T> T read(Function<Tables, T> reader) {
		synchronized (lock) {
			return reader.apply(new Tables(false));
		}
	}

	public <T> T write(Function<Tables, T> change) {
		synchronized (lock) {
			Tables candidate = new Tables(true);
			T result = change.apply(candidate);
			Map<String, Table> next = new HashMap<>(tables);
			candidate.working.forEach((name, table) -> next.put(name, table.published()));
			// The file is written first so memory never runs ahead of it.
			persist(next);
			tables = next;
			return result;
		}
	}

	private Map<String, Table> emptyTables() {
		Map<String, Table> empty = new HashMap<>();
		tableNames.forEach(name -> empty.put(name, Table.empty()));
		return empty;
	}

	private Map<String, Table> parse(JsonNode root) {
		Map<String, Table> parsed = emptyTables();
		if (readsFirstFormat && root.path(FIRST_FORMAT_TABLE).isArray()) {
			// The BigCommerce sandbox's first format, before it kept more than customers:
			// {"next_id": n, "customers": [...]}.
			parsed.put(FIRST_FORMAT_TABLE,
					table(FIRST_FORMAT_TABLE, root.get(FIRST_FORMAT_TABLE), root.path(FILE_NEXT_ID).asInt(1)));
			return parsed;
		}
		if (!format.equals(root.path(FILE_FORMAT).asString(""))) {
			throw new IllegalStateException(
					"not a sandbox store data file (expected \"" + FILE_FORMAT + "\": \"" + format + "\")");
		}
		for (String name : tableNames) {
			JsonNode entry = root.path(name);
			if (!entry.isMissingNode()) {
				parsed.put(name, table(name, entry.path(FILE_ROWS), entry.path(FILE_NEXT_ID).asInt(1)));
			}
		}
		return parsed;
	}

	private static Table table(String name, JsonNode rows, int nextId) {
		TreeMap<Integer, ObjectNode> byId = new TreeMap<>();
		for (JsonNode row : rows) {
			if (!row.isObject() || !row.path("id").canConvertToInt()) {
				throw new IllegalStateException(name + " entry without an integer id: " + row);
			}
			byId.put(row.get("id").intValue(), (ObjectNode) row);
		}
		return Table.of(byId, nextId);
	}

	private void persist(Map<String, Table> state) {
		if (dataFile == null) {
			return;
		}
		ObjectNode root = mapper.createObjectNode();
		root.put(FILE_FORMAT, format);
		Map<String, Table> ordered = new LinkedHashMap<>();
		tableNames.forEach(name -> ordered.put(name, state.get(name)));
		ordered.forEach((name, table) -> {
			ObjectNode entry = root.putObject(name);
			entry.put(FILE_NEXT_ID, table.nextId());
			ArrayNode rows = entry.putArray(FILE_ROWS);
			table.rows().forEach(rows::add);
		});
		try {
			Path dir = dataFile.toAbsolutePath().getParent();
			Files.createDirectories(dir);
			// Same directory as the target so the move below stays on one file system and
			// can be atomic.
			Path tmp = Files.createTempFile(dir, dataFile.getFileName().toString(), ".tmp");
			try {
				Files.write(tmp, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
				try {
					Files.move(tmp, dataFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				}
				catch (AtomicMoveNotSupportedException e) {
					Files.move(tmp, dataFile, StandardCopyOption.REPLACE_EXISTING);
				}
			}
			finally {
				Files.deleteIfExists(tmp);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot write sandbox data file " + dataFile, e);
		}
	}

}
