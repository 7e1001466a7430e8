package io.syncbatch.process;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import io.syncbatch.pipeline.Decision;
import io.syncbatch.pipeline.RecordPipeline;
import io.syncbatch.pipeline.SyncItem;
import io.syncbatch.run.StepRun;

/**
 * The filtering conditions and mapping rules of the record pipeline, as a step's
 * processor; never returns null.
 */
public class PipelineProcessor implements ItemProcessor<SyncItem, Decision> {

	private final StepRun step;

	private final RecordPipeline pipeline;

	public PipelineProcessor(StepRun step, RecordPipeline pipeline) {
		this.step = step;
		this.pipeline = pipeline;
	}

	@Override
	public Decision process(SyncItem item) {
		return pipeline.decide(step.context(), item);
	}

}
