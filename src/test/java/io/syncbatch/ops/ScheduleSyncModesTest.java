package io.syncbatch.ops;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import io.syncbatch.SyncbatchApplication;
import io.syncbatch.definition.DefinitionException;

/** A schedule must name a job whose entity syncs at scheduled times (its sync-modes). */
class ScheduleSyncModesTest {

	@Test
	void aScheduleOfAnEntityThatIsNotScheduledStopsStartUpNamingIt(@TempDir Path jobs) throws IOException {
		try (var shipped = Files.list(Path.of("jobs"))) {
			for (Path file : shipped.toList()) {
				Files.copy(file, jobs.resolve(file.getFileName()));
			}
		}
		Files.writeString(jobs.resolve("invoice.yml"), Files.readString(jobs.resolve("invoice.yml"))
			.replace("sync-modes: [scheduled, on-event]", "sync-modes: [on-event]"));
		SpringApplicationBuilder notScheduled = new SpringApplicationBuilder(SyncbatchApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties("server.port=0", "spring.profiles.active=embedded",
					"syncbatch.definitions=file:" + jobs + "/*.yml",
					"syncbatch.erp.datasource.url=jdbc:h2:mem:bad-" + UUID.randomUUID()
							+ ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE",
					"spring.datasource.url=jdbc:h2:mem:badsync-" + UUID.randomUUID() + ";MODE=MySQL",
					"syncbatch.schedules[0].job=invoice-export", "syncbatch.schedules[0].cron=0 0 * * * *");

		// As an argument: application.yml's definitions win over the builder's default
		// properties.
		assertThatThrownBy(() -> notScheduled.run("--syncbatch.definitions=file:" + jobs + "/*.yml")).rootCause()
			.isInstanceOf(DefinitionException.class)
			.hasMessage("syncbatch.schedules[0].job: invoice-export is not scheduled: jobs/invoice.yml says sync-modes"
					+ " [on-event]");
	}

}
