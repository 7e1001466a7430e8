package io.syncbatch.job;

import org.springframework.batch.core.launch.support.JobOperatorFactoryBean;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A second operator whose launches return at once, for the REST API: an HTTP request must
 * not hold its connection for the length of a job. The CLI keeps Boot's synchronous
 * operator, so `run` waits for the end.
 */
@Configuration(proxyBeanMethods = false)
class AsyncJobOperatorConfiguration {

	@Bean(defaultCandidate = false)
	@Qualifier("async")
	JobOperatorFactoryBean asyncJobOperator(JobRepository repository, DefinitionJobRegistry registry,
			PlatformTransactionManager transactions) {
		JobOperatorFactoryBean factory = new JobOperatorFactoryBean();
		factory.setJobRepository(repository);
		factory.setJobRegistry(registry);
		factory.setTransactionManager(transactions);
		factory.setTaskExecutor(new SimpleAsyncTaskExecutor("syncbatch-job-"));
		return factory;
	}

}
