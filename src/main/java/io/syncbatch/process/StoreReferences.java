package io.syncbatch.process;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.process.mapping.MappingContext;
import io.syncbatch.process.mapping.RecordHeldException;
import io.syncbatch.run.SyncRun;
import io.syncbatch.source.ErpRow;
import io.syncbatch.source.ErpSource;
import io.syncbatch.state.SyncRecord;
import io.syncbatch.state.SyncRecordRepository;

/**
 * Answers mapping rules for one process step: store ids come from the referenced entity's sync history in the
 * same store, child rows from the ERP with the run's query parameters.
 */
public class StoreReferences implements MappingContext, StepExecutionListener {

    private final EntityDefinition definition;
    private final SyncRecordRepository records;
    private final ErpSource erp;
    private SyncRun run;

    public StoreReferences(EntityDefinition definition, SyncRecordRepository records, ErpSource erp) {
        this.definition = definition;
        this.records = records;
        this.erp = erp;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        run = SyncRun.of(definition, stepExecution);
    }

    @Override
    public String externalId(String field, String entity, String erpId) throws RecordHeldException {
        SyncRecord referenced = records.byErpIds(run.store(), entity, List.of(erpId)).get(erpId);
        if (referenced != null && referenced.externalId() != null) {
            return referenced.externalId();
        }
        String where = referenced == null ? "it has never been prepared for store '" + run.store() + "'"
                : "it is " + referenced.status() + " in store '" + run.store() + "'"
                        + (referenced.lastError() == null ? "" : " (" + referenced.lastError() + ")");
        throw new RecordHeldException(field, "waiting for " + entity + " " + erpId + " to be in the store: " + where);
    }

    @Override
    public List<ErpRow> childRows(String query, ErpRow parent) {
        Map<String, Object> values = new HashMap<>(run.queryParameters());
        values.putAll(parent.columns());
        return erp.childRows(query, values);
    }
}
