/**
 * Writing imported records into the ERP database: one ERP transaction per record, which
 * binds the store record to the ERP record it made (Acumatica's BCSyncStatus) so that it
 * is made once, with identifiers from the ERP's numbering sequences or kept from the
 * store.
 */
@NullMarked
package io.syncbatch.erpwrite;

import org.jspecify.annotations.NullMarked;
