package io.syncbatch.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * {@code syncbatch <command> [argument…] [--option=value…]}. Options are also Spring Boot
 * properties, so {@code --spring.profiles.active=mysql} works beside the command's own
 * options.
 */
public record CliCommand(@Nullable String name, List<String> arguments, Map<String, String> options) {

	public static final String USAGE = """
			usage: java -jar syncbatch.jar <command>
			  run <job> [name=value ...]          run a job, e.g. run customer-export mode=full
			  run-all [store=NAME] [mode=full]    run every entity's job, each after the entities it refers to
			  event <name> [store=NAME]           run the jobs of the entities that sync on this event (on-event)
			  restart <executionId>               resume a failed execution from its last committed chunk
			  history <entity> [--status=STATUS] [--store=NAME]
			                                      print the sync history of an entity, both ways
			  executions [--job=NAME] [--limit=N] list executions, newest first, with counts and exit message
			  stop <executionId>                  stop a running execution after its current chunk
			  recover <executionId>               mark an execution whose process died as FAILED, to restart it
			  retry <entity|job> <id ...> | --all-failed [--store=NAME]
			                                      prepare records again for the next run (sync refresh)
			  abort <entity|job> <id ...> [--store=NAME]
			                                      leave records alone until they are retried
			  load <entity|job> [filter=value ...] [--limit=N]
			                                      list what the filters select, with sync status; syncs nothing
			  process <entity|job> <id ...>       sync these records now, changed or not
			  process-all <entity|job> filter=value ...
			                                      sync everything the filters select
			  (an entity means its export, ids are ERP ids; customer-import names store ids)
			  inbox [--status=STATUS] [--store=NAME] [--limit=N]
			                                      the webhook log: real-time messages, newest first
			  inbox retry <messageId>             receive a failed message again, for serve to process
			  initialize <store> [--url=URL]      subscribe the store's webhooks to serve at URL (or
			                                      syncbatch.inbox.public-url), list the ERP's push notifications
			  realtime                            each store's real-time state and waiting messages
			  deactivate <store> --pause | --stop pause: keep receiving messages, process them once active again;
			                                      stop: refuse them
			  activate <store>                    process messages again, the retained ones first, in order
			  jobs                                list the jobs the definitions in jobs/ provide
			  serve                               run as a service (Actuator health and metrics)
			  sandbox [--store=NAME]              serve the local sandbox store until stopped, to look at or
			                                      change it by hand with any HTTP client
			""";

	/** Every command {@link Cli} and {@code serve} answer. */
	public static final Set<String> COMMANDS = Set.of("run", "run-all", "event", "restart", "history", "executions",
			"stop", "recover", "retry", "abort", "load", "process", "process-all", "inbox", "initialize", "realtime",
			"activate", "deactivate", "jobs", "serve", "sandbox");

	/** The commands that run a job to its end, and so show its progress. */
	private static final Set<String> JOB_COMMANDS = Set.of("run", "run-all", "event", "restart", "process",
			"process-all");

	public static CliCommand parse(String[] args) {
		String name = null;
		List<String> arguments = new ArrayList<>();
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			if (arg.startsWith("--")) {
				int equals = arg.indexOf('=');
				options.put(equals < 0 ? arg.substring(2) : arg.substring(2, equals),
						equals < 0 ? "true" : arg.substring(equals + 1));
			}
			else if (name == null) {
				name = arg;
			}
			else {
				arguments.add(arg);
			}
		}
		return new CliCommand(name, List.copyOf(arguments), Map.copyOf(options));
	}

	public boolean isServe() {
		return "serve".equals(name);
	}

	public boolean runsJobs() {
		return JOB_COMMANDS.contains(name);
	}

	/**
	 * What is wrong with the command's name, answered before anything starts: a missing
	 * or unknown command, with the nearest command when it looks like a typing slip.
	 */
	public @Nullable String nameProblem() {
		if (name == null) {
			return "a command is required";
		}
		if (COMMANDS.contains(name)) {
			return null;
		}
		String nearest = null;
		int best = 3;
		for (String command : COMMANDS) {
			int distance = editDistance(name, command);
			if (distance < best || distance == best && nearest != null && command.compareTo(nearest) < 0) {
				best = distance;
				nearest = command;
			}
		}
		return "unknown command '" + name + "'" + (nearest == null ? "" : "; did you mean '" + nearest + "'?");
	}

	private static int editDistance(String one, String other) {
		int[] previous = new int[other.length() + 1];
		int[] current = new int[other.length() + 1];
		for (int j = 0; j <= other.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= one.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= other.length(); j++) {
				int substitution = previous[j - 1] + (one.charAt(i - 1) == other.charAt(j - 1) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[other.length()];
	}
}
