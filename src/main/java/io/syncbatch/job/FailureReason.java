package io.syncbatch.job;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Batch records a failed execution's exit description as the outermost exception's stack trace ("Unable to
 * process chunk"). Operators need the reason underneath ("POST /customers answered 503"), so the exit
 * description starts with the root causes; it is what the CLI prints and the job repository keeps.
 */
class FailureReason implements JobExecutionListener {

    @Override
    public void afterJob(JobExecution execution) {
        if (execution.getStatus() != BatchStatus.FAILED) {
            return;
        }
        Set<String> reasons = new LinkedHashSet<>();
        execution.getAllFailureExceptions().forEach(failure -> reasons.add(rootMessage(failure)));
        if (!reasons.isEmpty()) {
            execution.setExitStatus(new ExitStatus(execution.getExitStatus().getExitCode(),
                    String.join("; ", reasons)));
        }
    }

    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
