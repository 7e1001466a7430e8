package io.syncbatch.job;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

import io.syncbatch.definition.Definitions;
import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.run.SyncRun;
import io.syncbatch.source.QueryCheck;
import io.syncbatch.target.StoreConnectors;

/** Launching and restarting sync jobs, as the CLI and schedulers do it. */
@Service
public class SyncJobs {

    private final Definitions definitions;
    private final DefinitionJobRegistry registry;
    private final JobOperator operator;
    private final JobRepository repository;
    private final StoreConnectors stores;
    private final QueryCheck queryCheck;
    private final Clock clock;

    public SyncJobs(Definitions definitions, DefinitionJobRegistry registry, JobOperator operator,
            JobRepository repository, StoreConnectors stores, QueryCheck queryCheck, Clock clock) {
        this.definitions = definitions;
        this.registry = registry;
        this.operator = operator;
        this.repository = repository;
        this.stores = stores;
        this.queryCheck = queryCheck;
        this.clock = clock;
    }

    public Set<String> jobNames() {
        return definitions.jobNames();
    }

    /**
     * Runs a job to its end with the given parameters ({@code store}, {@code mode} and the definition's query
     * parameters). Every launch is a new job instance; a failed one is resumed with {@link #restart(long)}.
     */
    public JobExecution launch(String jobName, Map<String, String> parameters) throws Exception {
        EntityDefinition definition = definitions.forJob(jobName);
        if (definition == null) {
            throw new IllegalArgumentException("unknown job '" + jobName + "'; jobs: " + jobNames());
        }
        JobParametersBuilder builder = new JobParametersBuilder();
        parameters.forEach(builder::addString);
        if (!parameters.containsKey(SyncRun.STORE)) {
            builder.addString(SyncRun.STORE, stores.defaultStore());
        }
        builder.addString(SyncRun.LAUNCHED_AT, clock.instant().toString());
        var jobParameters = builder.toJobParameters();
        Job job = registry.getJob(jobName);
        job.getJobParametersValidator().validate(jobParameters);
        queryCheck.check(definition, SyncRun.queryParameters(definition, parameters::get));
        return operator.start(job, jobParameters);
    }

    /** Resumes a failed or stopped execution from its last committed chunk. */
    public JobExecution restart(long executionId) throws Exception {
        JobExecution failed = repository.getJobExecution(executionId);
        if (failed == null) {
            throw new IllegalArgumentException("no job execution " + executionId);
        }
        return operator.restart(failed);
    }
}
