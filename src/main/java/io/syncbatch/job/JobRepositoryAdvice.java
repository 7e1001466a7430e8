package io.syncbatch.job;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import io.syncbatch.secrets.Secrets;

/**
 * What the engine adds to every use of Batch's job repository: exit descriptions masked
 * before they are saved. (The jobs' own use also carries an ended execution's writes
 * through an outage of the sync database: {@link EndsRecordedThroughOutages}.)
 */
@Component
class JobRepositoryAdvice implements BeanPostProcessor {

	private final ObjectProvider<Secrets> secrets;

	JobRepositoryAdvice(ObjectProvider<Secrets> secrets) {
		this.secrets = secrets;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof JobRepository)) {
			return bean;
		}
		ProxyFactory proxy = new ProxyFactory(bean);
		proxy.addInterface(JobRepository.class);
		proxy.addAdvice(new RedactedExitDescriptions(secrets));
		return proxy.getProxy();
	}

}
