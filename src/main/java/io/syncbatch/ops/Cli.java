package io.syncbatch.ops;

import java.io.PrintStream;
import java.net.URI;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import io.syncbatch.definition.Definitions;
import io.syncbatch.definition.SyncDirection;
import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.job.ExecutionView;
import io.syncbatch.job.RestartRefusedException;
import io.syncbatch.job.RunSummary;
import io.syncbatch.job.SyncJobs;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.RunRefusedException;
import io.syncbatch.history.SyncRecordRepository;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.connector.StoreConnectors;
import io.syncbatch.secrets.Secrets;
import io.syncbatch.record.UntrustedText;

/**
 * The operator's command line. Exit codes: 0 success, 1 the job ran and failed, 2 the
 * command itself was wrong (unknown job or execution, bad parameter, broken definition),
 * 3 refused because the same store/entity is already being synced or the run to restart
 * already completed; the reason goes to stderr, secrets masked.
 */
@Component
public class Cli {

	public static final int OK = 0;

	public static final int JOB_FAILED = 1;

	public static final int BAD_COMMAND = 2;

	public static final int REFUSED = 3;

	static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
		.withZone(ZoneOffset.UTC);

	private final SyncJobs jobs;

	private final Definitions definitions;

	private final SyncRecordRepository records;

	private final StoreConnectors stores;

	private final SyncRefresh refresh;

	private final BatchProcesses batch;

	private final Secrets secrets;

	private final RealtimeCommands realtime;

	public Cli(SyncJobs jobs, Definitions definitions, SyncRecordRepository records, StoreConnectors stores,
			SyncRefresh refresh, BatchProcesses batch, Secrets secrets, RealtimeCommands realtime) {
		this.jobs = jobs;
		this.definitions = definitions;
		this.records = records;
		this.stores = stores;
		this.refresh = refresh;
		this.batch = batch;
		this.secrets = secrets;
		this.realtime = realtime;
	}

	public int execute(CliCommand command, PrintStream out, PrintStream err) {
		try {
			return switch (Objects.requireNonNull(command.name(), "main() refuses a command line without a command")) {
				case "run" -> run(command, out, err);
				case "run-all" -> runAll(command, out, err);
				case "event" -> event(command, out, err);
				case "restart" -> restart(command, out, err);
				case "history" -> history(command, out);
				case "executions" -> executions(command, out);
				case "load" -> load(command, out);
				case "process" ->
					report(batch.process(entity(command), command.options().get("store"), erpIds(command), true), out,
							err);
				case "process-all" -> report(
						batch.processAll(entity(command), command.options().get("store"),
								nameValues(command.arguments().subList(1, command.arguments().size())), true),
						out, err);
				case "stop" -> {
					var stopping = jobs.stop(executionId(command));
					out.printf("execution %d is %s: it stops after its current chunk%n", stopping.getId(),
							stopping.getStatus());
					yield OK;
				}
				case "recover" -> {
					var recovered = jobs.recover(executionId(command));
					out.printf("execution %d is %s; resume it with: restart %d%n", recovered.getId(),
							recovered.getStatus(), recovered.getId());
					yield OK;
				}
				case "retry" -> {
					int count = refresh.retry(entity(command), command.options().get("store"), erpIds(command),
							command.options().containsKey("all-failed"));
					out.printf("%d record(s) prepared again; the next run processes them%n", count);
					yield OK;
				}
				case "abort" -> {
					int count = refresh.abort(entity(command), command.options().get("store"), erpIds(command));
					out.printf("%d record(s) aborted; runs leave them alone until they are retried%n", count);
					yield OK;
				}
				case "inbox" -> realtime.inbox(command, out);
				case "realtime" -> realtime.states(command, out);
				case "initialize" -> realtime.initialize(command, out);
				case "activate" -> realtime.activate(command, out);
				case "deactivate" -> realtime.deactivate(command, out);
				case "jobs" -> {
					jobs.jobNames().forEach(out::println);
					yield OK;
				}
				case "sandbox" -> sandbox(command, out);
				default -> usage(err, "unknown command " + UntrustedText.quoted(command.name()));
			};
		}
		catch (RunRefusedException | RestartRefusedException e) {
			err.println("syncbatch: " + secrets.redact(e.getMessage()));
			return REFUSED;
		}
		catch (Exception e) {
			err.println("syncbatch: " + secrets.redact(e.getMessage()));
			return BAD_COMMAND;
		}
	}

	private int run(CliCommand command, PrintStream out, PrintStream err) throws Exception {
		if (command.arguments().isEmpty()) {
			return usage(err, "run needs a job name; jobs: " + jobs.jobNames());
		}
		return report(jobs.launch(command.arguments().get(0),
				nameValues(command.arguments().subList(1, command.arguments().size()))), out, err);
	}

	private int runAll(CliCommand command, PrintStream out, PrintStream err) throws Exception {
		int status = OK;
		List<JobExecution> executions = jobs.launchAll(nameValues(command.arguments()),
				(entity, why) -> out.printf("%s skipped: %s%n", entity, why));
		for (JobExecution execution : executions) {
			status = report(execution, out, err);
		}
		return status;
	}

	private int event(CliCommand command, PrintStream out, PrintStream err) throws Exception {
		if (command.arguments().isEmpty()) {
			throw new UsageException("event needs the name of an event, e.g. event shift-closed");
		}
		int status = OK;
		for (JobExecution execution : jobs.launchOnEvent(command.arguments().get(0),
				nameValues(command.arguments().subList(1, command.arguments().size())))) {
			status = report(execution, out, err);
		}
		return status;
	}

	private static Map<String, String> nameValues(List<String> arguments) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String argument : arguments) {
			int equals = argument.indexOf('=');
			if (equals <= 0) {
				throw new UsageException("parameter " + UntrustedText.quoted(argument) + " must be written name=value");
			}
			values.put(argument.substring(0, equals), argument.substring(equals + 1));
		}
		return values;
	}

	private int load(CliCommand command, PrintStream out) {
		int limit = limit(command, "100");
		List<BatchProcesses.LoadedRecord> loaded = batch.load(entity(command), command.options().get("store"),
				nameValues(command.arguments().subList(1, command.arguments().size())), limit);
		boolean imports = definitions.way(entity(command)).direction() == SyncDirection.IMPORT;
		out.print(TextTable.render(
				List.of(imports ? "STORE ID" : "ERP ID", "DESCRIPTION", "CHANGED", "SYNC STATUS",
						imports ? "ERP ID" : "EXTERNAL ID", "LAST ATTEMPT"),
				loaded.stream()
					.map(record -> List.of(record.key(), blank(record.description()), when(record.changedAt()),
							record.status() == null ? "not synced" : record.status(), blank(record.boundId()),
							record.lastAttempt() == null ? "" : WHEN.format(record.lastAttempt())))
					.toList()));
		out.printf("%d record(s) selected%s%n", loaded.size(), loaded.size() == limit ? " (--limit reached)" : "");
		return OK;
	}

	/**
	 * Serves the store's local sandbox until the process is stopped: the embedded
	 * default's store, for a person to look at or change with any HTTP client, as a store
	 * user would, between runs.
	 */
	private int sandbox(CliCommand command, PrintStream out) throws InterruptedException {
		String store = stores.orDefault(command.options().get("store"));
		URI root = stores.openSandbox(store);
		out.printf("store %s is the local %s sandbox at %s%n", store, stores.platform(store), root);
		out.printf(
				"  every request takes the store's access token (syncbatch.stores.%s.access-token); Ctrl-C stops it%n",
				store);
		out.flush();
		new CountDownLatch(1).await();
		return OK;
	}

	private int restart(CliCommand command, PrintStream out, PrintStream err) throws Exception {
		return report(jobs.restart(executionId(command)), out, err);
	}

	private int executions(CliCommand command, PrintStream out) {
		int limit = limit(command, "20");
		List<ExecutionView> executions = jobs.executions(command.options().get("job"), limit);
		out.print(TextTable.render(
				List.of("ID", "JOB", "STORE", "STATUS", "START", "END", "READ", "PREPARED", "PROCESSED", "FILTERED",
						"FAILED", "EXIT MESSAGE"),
				executions.stream()
					.map(execution -> List.of(String.valueOf(execution.id()), execution.job(), blank(execution.store()),
							execution.status(), when(execution.start()), when(execution.end()),
							String.valueOf(execution.read()), String.valueOf(execution.prepared()),
							String.valueOf(execution.processed()), String.valueOf(execution.filtered()),
							String.valueOf(execution.failed()), firstLine(execution.exitMessage())))
					.toList()));
		return OK;
	}

	private static long executionId(CliCommand command) {
		if (command.arguments().size() != 1) {
			throw new UsageException(command.name() + " needs one execution id");
		}
		return number("execution id", command.arguments().get(0));
	}

	/** An entity (its export) or a job ({@code customer-import}). */
	private static String entity(CliCommand command) {
		if (command.arguments().isEmpty()) {
			throw new UsageException(command.name() + " needs an entity or a job, e.g. " + command.name()
					+ " customer ... or " + command.name() + " customer-import ...");
		}
		return command.arguments().get(0);
	}

	private static List<String> erpIds(CliCommand command) {
		return command.arguments().subList(1, command.arguments().size());
	}

	/** {@code --limit=N}: a whole number of at least 1. */
	static int limit(CliCommand command, String otherwise) {
		String text = command.options().getOrDefault("limit", otherwise);
		long limit = number("--limit", text);
		if (limit < 1 || limit > Integer.MAX_VALUE) {
			throw new UsageException("--limit must be a whole number of at least 1, got '" + text + "'");
		}
		return (int) limit;
	}

	static long number(String what, String text) {
		try {
			return Long.parseLong(text.trim());
		}
		catch (NumberFormatException e) {
			throw new UsageException(what + " " + UntrustedText.quoted(text) + " is not a whole number");
		}
	}

	private int report(JobExecution execution, PrintStream out, PrintStream err) {
		RunSummary summary = RunSummary.of(execution);
		out.print(summary.render());
		if (!summary.completed()) {
			String reason = firstLine(summary.exitDescription());
			err.println("syncbatch: " + summary.jobName() + " execution " + summary.executionId() + " "
					+ summary.status() + ": " + (reason.isEmpty() ? "(no exit message)" : reason)
					+ System.lineSeparator() + "  resume it with: restart " + summary.executionId());
			return JOB_FAILED;
		}
		return OK;
	}

	private int history(CliCommand command, PrintStream out) {
		if (command.arguments().size() != 1) {
			throw new UsageException("history needs one entity; entities: "
					+ definitions.all().stream().map(EntityDefinition::entity).toList());
		}
		String entity = definitions.entity(command.arguments().get(0)).entity();
		String store = stores.orDefault(command.options().get("store"));
		String status = command.options().get("status");
		List<SyncRecord> history = records.history(store, entity, status == null ? null : SyncStatus.parse(status));
		out.print(TextTable.render(
				List.of("ERP ID", "DESCRIPTION", "EXTERNAL ID", "STATUS", "DIRECTION", "LAST OPERATION", "LAST ATTEMPT",
						"REASON"),
				history.stream()
					.map(record -> List.of(blank(record.erpId()), blank(record.erpDescription()),
							blank(record.externalId()), record.status().name(),
							record.lastDirection() == null ? "" : record.lastDirection().label(),
							record.lastOperation() == null ? "" : record.lastOperation().name(),
							record.lastAttemptAt() == null ? "" : WHEN.format(record.lastAttemptAt()),
							blank(record.lastError())))
					.toList()));
		out.printf("%d record(s) of %s on store %s%n", history.size(), entity, store);
		return OK;
	}

	private static int usage(PrintStream err, String problem) {
		err.println("syncbatch: " + problem);
		err.print(CliCommand.USAGE);
		return BAD_COMMAND;
	}

	private static String firstLine(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return "";
		}
		return text.lines().findFirst().orElse(text);
	}

	static String blank(@Nullable String text) {
		return text == null ? "" : text;
	}

	/** Job repository times are the server's local time, as Spring Batch records them. */
	private static String when(@Nullable LocalDateTime time) {
		return time == null ? "" : time.withNano(0).toString().replace('T', ' ');
	}

	/** A command the operator wrote wrongly. */
	static class UsageException extends RuntimeException {

		UsageException(String message) {
			super(message);
		}

	}

}
