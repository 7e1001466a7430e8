package io.syncbatch;

import java.time.Clock;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.resilience.annotation.EnableResilientMethods;

import io.syncbatch.ops.Cli;
import io.syncbatch.ops.CliCommand;
import io.syncbatch.ops.OneShotAutoConfigurations;

/**
 * {@code java -jar syncbatch.jar <command>}: one-shot commands for operators and
 * schedulers, or {@code serve} for the long-lived service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableResilientMethods
public class SyncbatchApplication {

	public static void main(String[] args) {
		CliCommand command = CliCommand.parse(args);
		String problem = command.nameProblem();
		if (problem != null) {
			// Answered before Spring starts: a slip of the keyboard costs no start-up.
			System.err.println("syncbatch: " + problem);
			System.err.print(CliCommand.USAGE);
			System.exit(Cli.BAD_COMMAND);
		}
		SpringApplication application = new SpringApplication(SyncbatchApplication.class);
		if (!command.isServe()) {
			// A command prints its result and, on failure, its reason; not the engine's
			// chatter. A failed step's stack trace is kept in the job repository (its
			// exit message); --logging.level.root=info shows all. It starts only what
			// its work needs, and a command that runs jobs shows their progress on
			// stderr.
			application.setWebApplicationType(WebApplicationType.NONE);
			application.setDefaultProperties(
					Map.of("logging.level.root", "warn", "logging.level.org.springframework.batch.core.step", "off",
							"spring.main.banner-mode", "off", OneShotAutoConfigurations.PROPERTY, "true",
							"syncbatch.progress.enabled", String.valueOf(command.runsJobs())));
		}
		ConfigurableApplicationContext context = application.run(args);
		if (command.isServe()) {
			return;
		}
		int exitCode = context.getBean(Cli.class).execute(command, System.out, System.err);
		System.exit(SpringApplication.exit(context, () -> exitCode));
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
