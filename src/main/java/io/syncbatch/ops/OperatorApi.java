package io.syncbatch.ops;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.launch.JobRestartException;
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

import io.syncbatch.definition.DefinitionException;
import io.syncbatch.definition.Definitions;
import io.syncbatch.definition.SyncDirection;
import io.syncbatch.job.ExecutionNotFoundException;
import io.syncbatch.job.ExecutionView;
import io.syncbatch.job.RestartRefusedException;
import io.syncbatch.job.SyncJobs;
import io.syncbatch.history.RunRefusedException;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncRecordRepository;
import io.syncbatch.history.SyncStatus;
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

	private final SyncRecordRepository records;

	private final StoreConnectors stores;

	private final SyncRefresh refresh;

	private final BatchProcesses batch;

	private final Secrets secrets;

	OperatorApi(SyncJobs jobs, Definitions definitions, SyncRecordRepository records, StoreConnectors stores,
			SyncRefresh refresh, BatchProcesses batch, Secrets secrets) {
		this.jobs = jobs;
		this.definitions = definitions;
		this.records = records;
		this.stores = stores;
		this.refresh = refresh;
		this.batch = batch;
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

	@GetMapping("/history/{entity}")
	List<SyncRecord> history(@PathVariable String entity, @RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String store) {
		return records.history(stores.orDefault(store), definitions.entity(entity).entity(), SyncDirection.EXPORT,
				status == null ? null : SyncStatus.parse(status));
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
		return accepted(batch.process(entity, request.store(), request.erpIds(), false));
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
				refresh.retry(entity, request.store(), request.erpIds(), Boolean.TRUE.equals(request.allFailed())));
	}

	@PostMapping("/history/{entity}/abort")
	Map<String, Integer> abort(@PathVariable String entity, @RequestBody RefreshRequest request) {
		return Map.of("aborted", refresh.abort(entity, request.store(), request.erpIds()));
	}

	record RefreshRequest(List<String> erpIds, @Nullable Boolean allFailed, @Nullable String store) {

		RefreshRequest {
			erpIds = erpIds == null ? List.of() : erpIds;
		}
	}

	// Every answer's reason is masked: a message may quote anything, a store's error body
	// echoing its token included.

	@ExceptionHandler({ IllegalArgumentException.class, InvalidJobParametersException.class, DefinitionException.class,
			JobRestartException.class })
	ProblemDetail refused(Exception e) {
		return problem(HttpStatus.BAD_REQUEST, e.getMessage());
	}

	@ExceptionHandler(ExecutionNotFoundException.class)
	ProblemDetail notFound(ExecutionNotFoundException e) {
		return problem(HttpStatus.NOT_FOUND, e.getMessage());
	}

	@ExceptionHandler({ RunRefusedException.class, RestartRefusedException.class })
	ProblemDetail conflict(RuntimeException e) {
		return problem(HttpStatus.CONFLICT, e.getMessage());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ProblemDetail unreadable(HttpMessageNotReadableException e) {
		return problem(HttpStatus.BAD_REQUEST,
				"the request body is not what this endpoint takes: " + e.getMostSpecificCause().getMessage());
	}

	private ProblemDetail problem(HttpStatus status, @Nullable String detail) {
		return ProblemDetail.forStatusAndDetail(status, secrets.redact(detail));
	}

	private static ResponseEntity<ExecutionView> accepted(JobExecution execution) {
		return ResponseEntity.accepted()
			.location(URI.create("/api/executions/" + execution.getId()))
			.body(ExecutionView.of(execution));
	}

}
