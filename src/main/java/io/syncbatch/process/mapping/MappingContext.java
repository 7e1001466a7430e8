package io.syncbatch.process.mapping;

import java.util.List;

import io.syncbatch.source.ErpRow;

/** What rules may ask beyond the row itself: other entities' store ids and the row's child rows. */
public interface MappingContext {

    /**
     * The store's id of another entity's record.
     *
     * @throws RecordHeldException when the store does not have that record yet, with the reason from its sync history
     */
    String externalId(String field, String entity, String erpId) throws RecordHeldException;

    /** The rows of a child query (order lines), its named parameters bound from the parent row's columns. */
    List<ErpRow> childRows(String query, ErpRow parent);
}
