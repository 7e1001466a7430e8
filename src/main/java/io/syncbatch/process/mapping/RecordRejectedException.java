package io.syncbatch.process.mapping;

/** A record that cannot be sent as it stands; the sync history shows the reason and the field. */
public class RecordRejectedException extends Exception {

    private final String field;

    public RecordRejectedException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
