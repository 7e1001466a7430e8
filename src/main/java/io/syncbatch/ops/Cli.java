package io.syncbatch.ops;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import io.syncbatch.definition.Definitions;
import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.job.RunSummary;
import io.syncbatch.job.SyncJobs;
import io.syncbatch.state.SyncRecord;
import io.syncbatch.state.SyncRecordRepository;
import io.syncbatch.state.SyncStatus;
import io.syncbatch.target.StoreConnectors;

/**
 * The operator's command line. Exit codes: 0 success, 1 the job ran and failed, 2 the command itself was
 * wrong (unknown job, bad parameter, broken definition); the reason goes to stderr.
 */
@Component
public class Cli {

    public static final int OK = 0;
    public static final int JOB_FAILED = 1;
    public static final int BAD_COMMAND = 2;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private final SyncJobs jobs;
    private final Definitions definitions;
    private final SyncRecordRepository records;
    private final StoreConnectors stores;

    public Cli(SyncJobs jobs, Definitions definitions, SyncRecordRepository records, StoreConnectors stores) {
        this.jobs = jobs;
        this.definitions = definitions;
        this.records = records;
        this.stores = stores;
    }

    public int execute(CliCommand command, PrintStream out, PrintStream err) {
        try {
            return switch (command.name()) {
                case "run" -> run(command, out, err);
                case "restart" -> restart(command, out, err);
                case "history" -> history(command, out);
                case "jobs" -> {
                    jobs.jobNames().forEach(out::println);
                    yield OK;
                }
                default -> usage(err, "unknown command '" + command.name() + "'");
            };
        }
        catch (Exception e) {
            err.println("syncbatch: " + e.getMessage());
            return BAD_COMMAND;
        }
    }

    private int run(CliCommand command, PrintStream out, PrintStream err) throws Exception {
        if (command.arguments().isEmpty()) {
            return usage(err, "run needs a job name; jobs: " + jobs.jobNames());
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String argument : command.arguments().subList(1, command.arguments().size())) {
            int equals = argument.indexOf('=');
            if (equals <= 0) {
                throw new UsageException("job parameter '" + argument + "' must be written name=value");
            }
            parameters.put(argument.substring(0, equals), argument.substring(equals + 1));
        }
        return report(jobs.launch(command.arguments().get(0), parameters), out, err);
    }

    private int restart(CliCommand command, PrintStream out, PrintStream err) throws Exception {
        if (command.arguments().size() != 1) {
            return usage(err, "restart needs one execution id");
        }
        long executionId;
        try {
            executionId = Long.parseLong(command.arguments().get(0));
        }
        catch (NumberFormatException e) {
            throw new UsageException("execution id '" + command.arguments().get(0) + "' is not a number");
        }
        return report(jobs.restart(executionId), out, err);
    }

    private int report(JobExecution execution, PrintStream out, PrintStream err) {
        RunSummary summary = RunSummary.of(execution);
        out.print(summary.render());
        if (!summary.completed()) {
            err.println("syncbatch: " + summary.jobName() + " execution " + summary.executionId() + " "
                    + summary.status() + ": " + firstLine(summary.exitDescription())
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
        String store = command.options().get("store");
        if (store == null) {
            store = stores.defaultStore();
        }
        String status = command.options().get("status");
        List<SyncRecord> history = records.history(store, entity, status == null ? null : parseStatus(status));
        out.print(HistoryTable.render(history, WHEN));
        out.printf("%d record(s) of %s on store %s%n", history.size(), entity, store);
        return OK;
    }

    private static SyncStatus parseStatus(String text) {
        try {
            return SyncStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw new UsageException("--status: '" + text + "' is not a sync status; expected one of "
                    + List.of(SyncStatus.values()));
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("syncbatch: " + problem);
        err.print(CliCommand.USAGE);
        return BAD_COMMAND;
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "(no exit message)";
        }
        return text.lines().findFirst().orElse(text);
    }

    /** A command the operator wrote wrongly. */
    static class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
