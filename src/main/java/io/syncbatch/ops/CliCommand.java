package io.syncbatch.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
			  restart <executionId>               resume a failed execution from its last committed chunk
			  history <entity> [--status=STATUS] [--store=NAME]
			                                      print the sync history of an entity
			  executions [--job=NAME] [--limit=N] list executions, newest first, with counts and exit message
			  stop <executionId>                  stop a running execution after its current chunk
			  recover <executionId>               mark an execution whose process died as FAILED, to restart it
			  retry <entity> <erpId ...> | --all-failed [--store=NAME]
			                                      prepare records again for the next run (sync refresh)
			  abort <entity> <erpId ...> [--store=NAME]
			                                      leave records alone until they are retried
			  load <entity> [filter=value ...] [--limit=N]
			                                      list what the filters select, with sync status; syncs nothing
			  process <entity> <erpId ...>        sync these records now, changed or not
			  process-all <entity> filter=value ...
			                                      sync everything the filters select
			  jobs                                list the jobs the definitions in jobs/ provide
			  serve                               run as a service (Actuator health and metrics)
			""";

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
}
