package io.syncbatch.ops;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import io.syncbatch.inbox.Inbox;
import io.syncbatch.inbox.InboxMessage;
import io.syncbatch.inbox.InboxStatus;
import io.syncbatch.inbox.RealtimeSetup;
import io.syncbatch.inbox.RealtimeSetup.Initialized;
import io.syncbatch.inbox.RealtimeState;
import io.syncbatch.inbox.RealtimeStates;
import io.syncbatch.inbox.RealtimeStates.StoreState;
import io.syncbatch.ops.Cli.UsageException;

/**
 * The command line's real-time commands: the webhook log ({@code inbox}, {@code inbox
 * retry}) and each store's state ({@code realtime}, {@code deactivate --pause | --stop},
 * {@code activate}).
 */
@Component
class RealtimeCommands {

	private final Inbox inbox;

	private final RealtimeStates states;

	private final RealtimeSetup setup;

	RealtimeCommands(Inbox inbox, RealtimeStates states, RealtimeSetup setup) {
		this.inbox = inbox;
		this.states = states;
		this.setup = setup;
	}

	int inbox(CliCommand command, PrintStream out) {
		List<String> arguments = command.arguments();
		if (!arguments.isEmpty()) {
			if (arguments.size() != 2 || !arguments.get(0).equals("retry")) {
				throw new UsageException("inbox takes no argument but retry and a message id, e.g. inbox retry 17");
			}
			long id = Cli.number("message id", arguments.get(1));
			if (!inbox.retry(id)) {
				InboxMessage message = inbox.message(id);
				throw new IllegalArgumentException(message == null ? "there is no message " + id + " in the inbox"
						: "message " + id + " is " + message.status() + "; only a FAILED message is retried");
			}
			out.printf("message %d is received again; serve processes it at its next look%n", id);
			return Cli.OK;
		}
		String status = command.options().get("status");
		String store = command.options().get("store");
		List<InboxMessage> log = inbox.log(store, status == null ? null : InboxStatus.parse(status),
				Cli.limit(command, "50"));
		out.print(TextTable.render(
				List.of("ID", "RECEIVED", "STORE", "SOURCE", "TOPIC", "ENTITY", "KEY", "STATUS", "EXECUTION", "REASON"),
				log.stream()
					.map(message -> List.of(String.valueOf(message.id()), Cli.WHEN.format(message.receivedAt()),
							message.store(), message.source().name().toLowerCase(Locale.ROOT), message.topic(),
							Cli.blank(message.entity()), Cli.blank(message.recordKey()), message.status().name(),
							message.jobExecutionId() == null ? "" : String.valueOf(message.jobExecutionId()),
							Cli.blank(message.reason())))
					.toList()));
		out.printf("%d message(s)%s, newest first%n", log.size(), store == null ? "" : " of store " + store);
		return Cli.OK;
	}

	int states(CliCommand command, PrintStream out) {
		if (!command.arguments().isEmpty()) {
			throw new UsageException("realtime takes no argument; it shows every store");
		}
		Inbox.Depth depth = inbox.depth();
		out.print(TextTable.render(List.of("STORE", "STATE", "SINCE"),
				states.all()
					.values()
					.stream()
					.map(state -> List.of(state.store(), state.state().name(),
							state.since() == null ? "" : Cli.WHEN.format(state.since())))
					.toList()));
		out.printf("%d message(s) waiting%n", depth.waiting());
		return Cli.OK;
	}

	int initialize(CliCommand command, PrintStream out) {
		Initialized done = setup.initialize(store(command), command.options().get("url"));
		if (!done.hooks().isEmpty()) {
			out.printf("store %s sends its webhooks to %s:%n", done.store(), done.webhookDestination());
			out.print(TextTable.render(List.of("TOPIC", "HOOK", "ACTIVE", "CHANGE"),
					done.hooks()
						.stream()
						.map(hook -> List.of(hook.topic(), hook.id(), hook.active() ? "yes" : "no", hook.change()))
						.toList()));
		}
		out.println("In the ERP, create a push notification for each generic inquiry (Push Notifications, SM302000),"
				+ " with a destination of type Webhook at its address and this header:");
		String value = done.erpSecretConfigured() ? "the value of syncbatch.inbox.erp-secret"
				: "a secret you choose, set as syncbatch.inbox.erp-secret too";
		out.print(TextTable.render(List.of("GENERIC INQUIRY", "ENTITY", "ADDRESS", "HEADER"),
				done.pushNotifications()
					.stream()
					.map(push -> List.of(push.inquiry(), push.entity(), push.destination().toString(),
							push.header() + ": <" + value + ">"))
					.toList()));
		out.printf("real-time sync of store %s is ACTIVE%n", done.store());
		return Cli.OK;
	}

	int activate(CliCommand command, PrintStream out) {
		StoreState state = states.set(store(command), RealtimeState.ACTIVE);
		int hooks = setup.hooksActive(state.store(), true).size();
		out.printf("real-time sync of store %s is ACTIVE: serve processes its messages, the retained ones first%s%n",
				state.store(), hooks == 0 ? "" : "; its " + hooks + " webhooks are on");
		return Cli.OK;
	}

	int deactivate(CliCommand command, PrintStream out) {
		boolean pause = command.options().containsKey("pause");
		boolean stop = command.options().containsKey("stop");
		if (pause == stop) {
			throw new UsageException("deactivate needs --pause (keep receiving messages, process them once active"
					+ " again) or --stop (refuse them), e.g. deactivate " + store(command) + " --pause");
		}
		StoreState state = states.set(store(command), pause ? RealtimeState.PAUSED : RealtimeState.STOPPED);
		if (pause) {
			out.printf("real-time sync of store %s is PAUSED: its messages are received and kept, and processed once"
					+ " it is activated%n", state.store());
			return Cli.OK;
		}
		int hooks = setup.hooksActive(state.store(), false).size();
		out.printf("real-time sync of store %s is STOPPED: its messages are refused until it is activated%s%n",
				state.store(), hooks == 0 ? "" : "; its " + hooks + " webhooks are off");
		return Cli.OK;
	}

	private static String store(CliCommand command) {
		if (command.arguments().size() != 1) {
			throw new UsageException(command.name() + " needs one store, e.g. " + command.name() + " main");
		}
		return command.arguments().get(0);
	}

}
