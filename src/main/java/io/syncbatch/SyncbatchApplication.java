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
		if (command.name() == null) {
			System.err.print(CliCommand.USAGE);
			System.exit(Cli.BAD_COMMAND);
		}
		SpringApplication application = new SpringApplication(SyncbatchApplication.class);
		if (!command.isServe()) {
			// A command prints its result and, on failure, its reason; not the engine's
			// chatter. A failed step's stack trace is kept in the job repository (its
			// exit message); --logging.level.root=info shows all.
			application.setWebApplicationType(WebApplicationType.NONE);
			application.setDefaultProperties(Map.of("logging.level.root", "warn",
					"logging.level.org.springframework.batch.core.step", "off", "spring.main.banner-mode", "off"));
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
