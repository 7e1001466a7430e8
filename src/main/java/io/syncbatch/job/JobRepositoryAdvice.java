package io.syncbatch.job;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import io.syncbatch.secrets.Secrets;

/**
 * What the engine adds to Batch's job repository, in one proxy: exit descriptions masked
 * before they are saved, then an ended execution's writes carried through an outage of
 * the sync database (each attempt saves the masked description).
 */
@Component
class JobRepositoryAdvice implements BeanPostProcessor {

	private final ObjectProvider<Secrets> secrets;

	private final ObjectProvider<EndRecording> endRecording;

	JobRepositoryAdvice(ObjectProvider<Secrets> secrets, ObjectProvider<EndRecording> endRecording) {
		this.secrets = secrets;
		this.endRecording = endRecording;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof JobRepository)) {
			return bean;
		}
		ProxyFactory proxy = new ProxyFactory(bean);
		proxy.addInterface(JobRepository.class);
		proxy.addAdvice(new RedactedExitDescriptions(secrets));
		proxy.addAdvice(new EndsRecordedThroughOutages(endRecording));
		return proxy.getProxy();
	}

}
