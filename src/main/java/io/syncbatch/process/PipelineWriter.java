package io.syncbatch.process;

import java.util.List;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import io.syncbatch.pipeline.Decision;
import io.syncbatch.pipeline.RecordPipeline;
import io.syncbatch.run.StepRun;

/**
 * The write and the outcomes of the record pipeline, as a step's writer: in the chunk's
 * transaction, so the history and the step's checkpoint commit together.
 */
public class PipelineWriter implements ItemWriter<Decision> {

	private final StepRun step;

	private final RecordPipeline pipeline;

	public PipelineWriter(StepRun step, RecordPipeline pipeline) {
		this.step = step;
		this.pipeline = pipeline;
	}

	@Override
	public void write(Chunk<? extends Decision> chunk) {
		pipeline.write(step.context(), List.copyOf(chunk.getItems()));
	}

}
