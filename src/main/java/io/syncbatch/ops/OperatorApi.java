package io.syncbatch.ops;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.UriComponentsBuilder;

import io.syncbatch.definition.DefinitionException;
import io.syncbatch.definition.Definitions;
import io.syncbatch.definition.EntityJob;
import io.syncbatch.definition.SyncDirection;
import io.syncbatch.job.ExecutionNotFoundException;
import io.syncbatch.job.ExecutionView;
import io.syncbatch.job.RestartRefusedException;
import io.syncbatch.job.SyncJobs;
import io.syncbatch.history.RunRefusedException;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncHistoryPages;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.connector.StoreConnectors;
import io.syncbatch.secrets.Secrets;

/**
 * The operator's REST API: what the command line does, for dashboards and schedulers over
 * HTTP.
 */
@RestController
@RequestMapping("/api")
class OperatorApi {

	private final SyncJobs jobs;

	private final Definitions definitions;

	private final StoreConnectors stores;

	private final SyncRefresh refresh;

	private final BatchProcesses batch;

	private final SyncHistoryPages pages;

	private final HistoryPaging paging;

	private final Secrets secrets;

	OperatorApi(SyncJobs jobs, Definitions definitions, SyncHistoryPages pages, StoreConnectors stores,
			SyncRefresh refresh, BatchProcesses batch, SyncbatchProperties properties, Secrets secrets) {
		this.jobs = jobs;
		this.definitions = definitions;
		this.pages = pages;
		this.stores = stores;
		this.refresh = refresh;
		this.batch = batch;
		this.paging = new HistoryPaging(properties.api().history());
		this.secrets = secrets;
	}

	@GetMapping("/jobs")
	Set<String> jobs() {
		return jobs.jobNames();
	}

	/** Starts the job and answers 202 at once; follow it at the Location given. */
	@PostMapping("/jobs/{job}/executions")
	ResponseEntity<ExecutionView> launch(@PathVariable String job,
			@RequestBody(required = false) @Nullable Map<String, String> parameters) throws Exception {
		return accepted(jobs.launchInBackground(job, parameters == null ? Map.of() : parameters));
	}

	@GetMapping("/executions")
	List<ExecutionView> executions(@RequestParam(required = false) @Nullable String job,
			@RequestParam(defaultValue = "20") int limit) {
		return jobs.executions(job, limit);
	}

	@GetMapping("/executions/{id}")
	ExecutionView execution(@PathVariable long id) {
		return ExecutionView.of(jobs.execution(id));
	}

	@PostMapping("/executions/{id}/restart")
	ResponseEntity<ExecutionView> restart(@PathVariable long id) throws Exception {
		return accepted(jobs.restartInBackground(id));
	}

	@PostMapping("/executions/{id}/stop")
	ExecutionView stop(@PathVariable long id) {
		return ExecutionView.of(jobs.stop(id));
	}

	@PostMapping("/executions/{id}/recover")
	ExecutionView recover(@PathVariable long id) {
		return ExecutionView.of(jobs.recover(id));
	}

	/**
	 * The sync history a page at a time, by ERP id: {@code limit} records (default and
	 * maximum configured), and when there are more, a {@code Link: <…>; rel="next"}
	 * header with the address of the next page (its {@code after} is an opaque cursor).
	 */
	@GetMapping("/history/{entity}")
	ResponseEntity<List<SyncRecord>> history(@PathVariable String entity,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String store,
			@RequestParam(required = false) @Nullable String limit,
			@RequestParam(required = false) @Nullable String after) {
		EntityJob way = definitions.way(entity);
		SyncHistoryPages.HistoryPage page = pages.page(stores.orDefault(store), way.entity(), way.direction(),
				status == null ? null : SyncStatus.parse(status), after == null ? null : HistoryCursor.decode(after),
				paging.limit(limit));
		ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
		String nextAfter = page.nextAfter();
		if (nextAfter != null) {
			UriComponentsBuilder next = UriComponentsBuilder.fromPath("/api/history/{entity}");
			if (status != null) {
				next.queryParam("status", status);
			}
			if (store != null) {
				next.queryParam("store", store);
			}
			next.queryParam("limit", page.records().size()).queryParam("after", HistoryCursor.encode(nextAfter));
			answer.header(HttpHeaders.LINK,
					"<" + next.encode().buildAndExpand(Map.of("entity", entity)).toUriString() + ">; rel=\"next\"");
		}
		return answer.body(page.records());
	}

	/**
	 * Load: what the filters (query parameters) select, with sync status; syncs nothing.
	 */
	@GetMapping("/entities/{entity}/records")
	List<BatchProcesses.LoadedRecord> load(@PathVariable String entity, @RequestParam Map<String, String> filters) {
		Map<String, String> only = new HashMap<>(filters);
		String store = only.remove("store");
		int limit = Integer.parseInt(only.getOrDefault("limit", "100"));
		only.remove("limit");
		return batch.load(entity, store, only, limit);
	}

	/** Process: body {@code {"erpIds": ["FRUITICO"]}}; answers 202 like a launch. */
	@PostMapping("/entities/{entity}/process")
	ResponseEntity<ExecutionView> process(@PathVariable String entity, @RequestBody RefreshRequest request)
			throws Exception {
		return accepted(batch.process(entity, request.store(), request.keys(), false));
	}

	/**
	 * Process All: body {@code {"customerClasses": "COMMERCEBB"}}; answers 202 like a
	 * launch.
	 */
	@PostMapping("/entities/{entity}/process-all")
	ResponseEntity<ExecutionView> processAll(@PathVariable String entity, @RequestBody Map<String, String> filters)
			throws Exception {
		Map<String, String> only = new HashMap<>(filters);
		String store = only.remove("store");
		return accepted(batch.processAll(entity, store, only, false));
	}

	/**
	 * Body: {@code {"erpIds": ["FRUITICO"]}} or {@code {"allFailed": true}}, optionally
	 * {@code "store"}.
	 */
	@PostMapping("/history/{entity}/retry")
	Map<String, Integer> retry(@PathVariable String entity, @RequestBody RefreshRequest request) {
		return Map.of("prepared",
				refresh.retry(entity, request.store(), request.keys(), Boolean.TRUE.equals(request.allFailed())));
	}

	@PostMapping("/history/{entity}/abort")
	Map<String, Integer> abort(@PathVariable String entity, @RequestBody RefreshRequest request) {
		return Map.of("aborted", refresh.abort(entity, request.store(), request.keys()));
	}

	/**
	 * {@code erpIds} name records of an export; {@code ids} name records of whichever
	 * sync the path names, ERP ids or, for an import, store ids.
	 */
	record RefreshRequest(List<String> erpIds, List<String> ids, @Nullable Boolean allFailed, @Nullable String store) {

		RefreshRequest {
			erpIds = erpIds == null ? List.of() : erpIds;
			ids = ids == null ? List.of() : ids;
		}

		List<String> keys() {
			List<String> keys = new java.util.ArrayList<>(erpIds);
			keys.addAll(ids);
			return keys;
		}
	}

	// Every answer's reason is masked: a message may quote anything, a store's error body
	// echoing its token included.

	@ExceptionHandler({ IllegalArgumentException.class, InvalidJobParametersException.class, DefinitionException.class,
			JobRestartException.class, JobInstanceAlreadyCompleteException.class })
	ProblemDetail refused(Exception e, HttpServletRequest request) {
		return problem(HttpStatus.BAD_REQUEST, e.getMessage(), request);
	}

	@ExceptionHandler(ExecutionNotFoundException.class)
	ProblemDetail notFound(ExecutionNotFoundException e, HttpServletRequest request) {
		return problem(HttpStatus.NOT_FOUND, e.getMessage(), request);
	}

	@ExceptionHandler({ RunRefusedException.class, RestartRefusedException.class })
	ProblemDetail conflict(RuntimeException e, HttpServletRequest request) {
		return problem(HttpStatus.CONFLICT, e.getMessage(), request);
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ProblemDetail unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
		// Jackson's message quotes the offending input: its first line, shortened.
		String reason = String.valueOf(e.getMostSpecificCause().getMessage()).lines().findFirst().orElse("");
		return problem(HttpStatus.BAD_REQUEST, "the request body is not what this endpoint takes: "
				+ (reason.length() > 200 ? reason.substring(0, 200) + "…" : reason), request);
	}

	/**
	 * The problem's {@code instance} is the endpoint's path pattern
	 * ({@code /api/jobs/{job}/executions}), not the request's path, which Spring would
	 * fill in and which carries whatever the client put in it.
	 */
	private ProblemDetail problem(HttpStatus status, @Nullable String detail, HttpServletRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, secrets.redact(detail));
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		try {
			// The multi-argument constructor quotes the braces of the pattern.
			problem.setInstance(new URI(null, null,
					pattern instanceof String path && path.startsWith("/api") ? path : "/api", null));
		}
		catch (URISyntaxException e) {
			problem.setInstance(URI.create("/api"));
		}
		return problem;
	}

	private static ResponseEntity<ExecutionView> accepted(JobExecution execution) {
		return ResponseEntity.accepted()
			.location(URI.create("/api/executions/" + execution.getId()))
			.body(ExecutionView.of(execution));
	}

}
