package io.syncbatch.job;

import java.time.Clock;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.ExecutionContextPromotionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import io.micrometer.observation.ObservationRegistry;
import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.connector.StoreConnectors;
import io.syncbatch.definition.EntityJob;
import io.syncbatch.definition.SyncDirection;
import io.syncbatch.erp.ErpSource;
import io.syncbatch.history.PreparedRecords;
import io.syncbatch.history.RealtimeCoverage;
import io.syncbatch.history.RunLocks;
import io.syncbatch.history.SyncRecordRepository;
import io.syncbatch.history.SyncScopes;
import io.syncbatch.history.WatermarkRepository;
import io.syncbatch.metrics.SyncMeters;
import io.syncbatch.pipeline.Decision;
import io.syncbatch.pipeline.RecordPipeline;
import io.syncbatch.pipeline.RecordSources;
import io.syncbatch.pipeline.SyncItem;
import io.syncbatch.prepare.AdvanceWatermark;
import io.syncbatch.prepare.DeletedRecordsWriter;
import io.syncbatch.prepare.PrepareReader;
import io.syncbatch.prepare.PrepareWriter;
import io.syncbatch.prepare.StorePrepareReader;
import io.syncbatch.prepare.SyncedKeysReader;
import io.syncbatch.process.BacklogReader;
import io.syncbatch.process.HeldPassProgress;
import io.syncbatch.process.PipelineProcessor;
import io.syncbatch.process.PipelineWriter;
import io.syncbatch.process.ProcessPartitions;
import io.syncbatch.record.SourceRecord;
import io.syncbatch.run.StepRun;
import io.syncbatch.storeread.StoreSource;

/**
 * Builds an entity's job one way from its definition: prepare (source → prepared
 * records), find deleted (synced records the source no longer selects → prepared as
 * gone), process (prepared → the other side → sync history) and the watermark step. No
 * entity has a job class of its own.
 *
 * <p>
 * Each call builds new readers and writers, so two executions never share item state (see
 * {@link DefinitionJobRegistry}).
 */
@Component
public class SyncJobFactory {

	/** The suffix of the deletion sweep's step name. */
	public static final String FIND_DELETED = "-find-deleted";

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactions;

	private final ErpSource erp;

	private final StoreSource store;

	private final RecordSources sources;

	private final SyncRecordRepository records;

	private final PreparedRecords prepared;

	private final SyncScopes scopes;

	private final RealtimeCoverage coverage;

	private final WatermarkRepository watermarks;

	private final RecordPipeline pipeline;

	private final SyncParametersValidator parametersValidator;

	private final RunLocks locks;

	private final Clock clock;

	private final SyncbatchProperties.Prepare prepareSettings;

	private final int processPartitions;

	private final ObservationRegistry observations;

	private final SyncMeters meters;

	private final RunProgress progress;

	private final EndRecording endRecording;

	private final LeaseRenewer renewer;

	private final StoreConnectors stores;

	public SyncJobFactory(JobRepository jobRepository, PlatformTransactionManager transactions, ErpSource erp,
			StoreSource store, RecordSources sources, SyncRecordRepository records, PreparedRecords prepared,
			SyncScopes scopes, WatermarkRepository watermarks, RecordPipeline pipeline,
			SyncParametersValidator parametersValidator, RunLocks locks, Clock clock, SyncbatchProperties properties,
			ObservationRegistry observations, SyncMeters meters, RunProgress progress, EndRecording endRecording,
			LeaseRenewer renewer, RealtimeCoverage coverage, StoreConnectors stores) {
		this.jobRepository = EndsRecordedThroughOutages.around(jobRepository, endRecording, renewer);
		this.transactions = transactions;
		this.erp = erp;
		this.store = store;
		this.stores = stores;
		this.sources = sources;
		this.records = records;
		this.prepared = prepared;
		this.scopes = scopes;
		this.watermarks = watermarks;
		this.pipeline = pipeline;
		this.parametersValidator = parametersValidator;
		this.locks = locks;
		this.clock = clock;
		this.prepareSettings = properties.prepare();
		this.processPartitions = properties.process().partitions();
		this.observations = observations;
		this.meters = meters;
		this.progress = progress;
		this.endRecording = endRecording;
		this.renewer = renewer;
		this.coverage = coverage;
	}

	public Job job(EntityJob entityJob) {
		JobBuilder job = new JobBuilder(entityJob.name(), jobRepository)
			.validator(parametersValidator.forJob(entityJob))
			.observationRegistry(observations)
			.listener(new RunMetrics(observations, meters, entityJob))
			.listener(new RunLog(entityJob))
			.listener(progress.listener(entityJob))
			.listener(new FailureReason(endRecording.syncDatabase()))
			.listener(new RunLockListener(entityJob, locks, endRecording, renewer))
			// Last, so that its afterJob runs first: the listeners before it report its
			// figures.
			.listener(new RunOutcomes(entityJob, jobRepository, records));
		StepRun watermarkRun = new StepRun(entityJob, meters, stores::platform);
		Step advanceWatermark = step(entityJob, "-advance-watermark").listener(watermarkRun)
			.tasklet(new AdvanceWatermark(watermarkRun, watermarks, clock), transactions)
			.build();
		if (!entityJob.definition().refersToItself(entityJob.direction())) {
			return job.start(prepareStep(entityJob))
				.next(findDeletedStep(entityJob))
				.next(processStep(entityJob))
				.next(advanceWatermark)
				.build();
		}
		// Records that wait for a record of the same entity processed in the same chunk
		// get further passes.
		Step heldPass = processStep(entityJob, "-process-held", true);
		return job.start(prepareStep(entityJob))
			.next(findDeletedStep(entityJob))
			.next(processStep(entityJob))
			.next(heldPass)
			.on(HeldPassProgress.AGAIN)
			.to(heldPass)
			.from(heldPass)
			.on(ExitStatus.COMPLETED.getExitCode())
			.to(advanceWatermark)
			.from(heldPass)
			.on("*")
			.fail()
			.end()
			.build();
	}

	private Step prepareStep(EntityJob job) {
		StepRun run = new StepRun(job, meters, stores::platform);
		int chunkSize = prepareSettings.chunkSize();
		ItemStreamReader<SourceRecord> reader = job.direction() == SyncDirection.IMPORT
				? new StorePrepareReader(run, store, watermarks, prepareSettings.watermarkOverlap(), chunkSize)
				: new PrepareReader(run, erp, watermarks, prepareSettings.watermarkOverlap(), chunkSize);
		PrepareWriter writer = new PrepareWriter(run, records, prepared, scopes, coverage);
		ExecutionContextPromotionListener promoteWatermark = new ExecutionContextPromotionListener();
		promoteWatermark.setKeys(new String[] { PrepareWriter.MAX_CHANGED_AT });
		// Prepare's chunks are large: its cost per row is a hash and a row of a batched
		// insert, and every chunk also costs a page query, a fingerprint lookup and the
		// job repository's bookkeeping.
		return step(job, "-prepare").<SourceRecord, SourceRecord>chunk(chunkSize)
			.transactionManager(transactions)
			.reader(reader)
			.writer(writer)
			.listener(run)
			.listener(promoteWatermark)
			.build();
	}

	/**
	 * After a full prepare (or of chosen ids), the synced records the ERP query no longer
	 * selects are prepared as gone; otherwise the step reads nothing.
	 */
	private Step findDeletedStep(EntityJob job) {
		StepRun run = new StepRun(job, meters, stores::platform);
		int chunkSize = prepareSettings.chunkSize();
		return step(job, FIND_DELETED).<String, String>chunk(chunkSize)
			.transactionManager(transactions)
			.reader(new SyncedKeysReader(run, records, chunkSize))
			.writer(new DeletedRecordsWriter(run, sources, records, prepared, scopes))
			.listener(run)
			.build();
	}

	/**
	 * The process step, as partitions over slices of the backlog when
	 * {@code syncbatch.process.partitions} > 1.
	 */
	private Step processStep(EntityJob job) {
		if (processPartitions == 1) {
			return processStep(job, "-process", false);
		}
		ProcessPartitions partitions = new ProcessPartitions(processPartitions,
				() -> processStep(job, "-process", false));
		return step(job, "-process").partitioner(job.entity() + "-process", partitions)
			.partitionHandler(partitions)
			.build();
	}

	private Step processStep(EntityJob job, String suffix, boolean heldOnly) {
		StepRun run = new StepRun(job, meters, stores::platform);
		BacklogReader reader = new BacklogReader(run, pipeline, prepared, records, scopes, heldOnly);
		var step = step(job, suffix).<SyncItem, Decision>chunk(job.definition().chunkSize())
			.transactionManager(transactions)
			.reader(reader)
			.processor(new PipelineProcessor(run, pipeline))
			.writer(new PipelineWriter(run, pipeline))
			// The run first: the reader's and the held pass's listeners read it.
			.listener(run)
			.listener(reader);
		if (heldOnly) {
			step.listener(new HeldPassProgress(run, records));
		}
		return step.build();
	}

	/**
	 * Every step is observed, tagged with its store and entity, logs its end with its
	 * counts, shows its progress when that is on, and can be restarted after losing the
	 * sync database mid-chunk.
	 */
	private StepBuilder step(EntityJob job, String suffix) {
		StepBuilder step = new StepBuilder(job.entity() + suffix, jobRepository);
		step.observationRegistry(observations);
		step.listener(new RunMetrics(observations, meters, job));
		step.listener(new RunLog(job));
		step.listener(progress.listener(job));
		step.listener(new UnknownChunkOutcomeAsFailed());
		return step;
	}

}
