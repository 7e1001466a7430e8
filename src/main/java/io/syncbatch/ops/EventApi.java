package io.syncbatch.ops;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.syncbatch.definition.EntityJob;
import io.syncbatch.job.RunSummary;
import io.syncbatch.job.SyncJobs;

/**
 * The on-event sync mode: {@code POST /api/events/{event}} (the operator's login, as
 * every change) with {@code {}} or {@code {"store": "main"}} runs the jobs of the
 * entities whose definition syncs {@code on-event} on that event, one after the other in
 * sync order, and answers 202 at once with the jobs it runs; their executions are at
 * {@code /api/executions}. The ERP's shift closing, say, calls it.
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping("/api/events")
class EventApi implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(EventApi.class);

	private final SyncJobs jobs;

	/**
	 * One event's jobs after another's: two events must not race for the same entities.
	 */
	private final ExecutorService runner;

	EventApi(SyncJobs jobs) {
		this.jobs = jobs;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("syncbatch-event-");
		threads.setDaemon(true);
		this.runner = Executors.newSingleThreadExecutor(threads);
	}

	/** What 202 says: the event, and the jobs it runs, in order. */
	record Accepted(String event, List<String> jobs) {
	}

	/** {@code {"store": "main"}}, or {@code {}} for the only store. */
	record EventRequest(String store) {
	}

	@PostMapping("/{event}")
	ResponseEntity<?> announce(@PathVariable String event, @RequestBody EventRequest request) {
		List<String> launched;
		try {
			launched = jobs.onEvent(event).stream().map(EntityJob::name).toList();
		}
		catch (IllegalArgumentException none) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, String.valueOf(none.getMessage())));
		}
		Map<String, String> parameters = request.store() == null ? Map.of() : Map.of("store", request.store());
		runner.execute(() -> {
			try {
				jobs.launchOnEvent(event, parameters)
					.forEach(execution -> log.info("Event {}: {}", event, RunSummary.of(execution).render().strip()));
			}
			catch (Exception e) {
				log.warn("Event {} could not run its jobs: {}", event, e.getMessage());
			}
		});
		return ResponseEntity.accepted().body(new Accepted(event, launched));
	}

	@Override
	public void destroy() {
		runner.shutdownNow();
	}

}
