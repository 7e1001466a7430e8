package io.syncbatch.process;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.definition.FilterCondition;
import io.syncbatch.process.mapping.MappingRule;
import io.syncbatch.process.mapping.MappingContext;
import io.syncbatch.process.mapping.RecordHeldException;
import io.syncbatch.process.mapping.RecordRejectedException;
import io.syncbatch.source.ErpRow;
import io.syncbatch.state.SyncOutcome;
import io.syncbatch.state.SyncRecord;

/**
 * Applies the export filtering conditions, then the mapping rules. Never returns null: every record read
 * leaves the step with an outcome in the sync history.
 */
public class ExportProcessor implements ItemProcessor<ExportItem, ExportDecision> {

    private final EntityDefinition definition;
    private final ExportFilter filter;
    private final MappingContext context;

    public ExportProcessor(EntityDefinition definition, MappingContext context) {
        this.definition = definition;
        this.filter = new ExportFilter(definition.exportFilter());
        this.context = context;
    }

    @Override
    public ExportDecision process(ExportItem item) {
        SyncRecord record = item.record();
        ErpRow row = item.row();
        if (row == null) {
            return ExportDecision.decided(item, SyncOutcome.deleted(record.erpId(), record.erpDescription(),
                    record.sourceHash(), "no longer selected by the ERP query of " + definition.origin()));
        }
        Optional<FilterCondition> unmet = filter.firstUnmet(row);
        if (unmet.isPresent()) {
            return ExportDecision.decided(item, SyncOutcome.filtered(row.key(), row.description(), row.hash(),
                    "export filtering condition not met: " + unmet.get().describe()));
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        try {
            for (MappingRule rule : definition.mapping()) {
                rule.apply(context, row, payload);
            }
        }
        catch (RecordHeldException held) {
            return ExportDecision.decided(item, SyncOutcome.held(row.key(), row.description(), row.hash(),
                    definition.entity() + " " + describe(row) + " held: " + held.getMessage()));
        }
        catch (RecordRejectedException rejected) {
            return ExportDecision.decided(item, SyncOutcome.failed(row.key(), row.description(), row.hash(),
                    definition.entity() + " " + describe(row) + " not sent: " + rejected.getMessage()));
        }
        return ExportDecision.send(item, payload);
    }

    private static String describe(ErpRow row) {
        return row.description() == null ? row.key() : row.key() + " (" + row.description() + ")";
    }
}
