package io.syncbatch.erpwrite;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * New ERP keys from Acumatica's numbering sequences: the sequence's current segment (the
 * latest {@code StartDate} not in the future) gives the number after its {@code LastNbr},
 * and records it. The segment's row is locked for the rest of the ERP transaction that
 * inserts the record, so two imports at once never get the same number, and a rolled-back
 * insert gives its number back.
 */
class NumberingSequences {

	private final JdbcTemplate erp;

	NumberingSequences(JdbcTemplate erp) {
		this.erp = erp;
	}

	/**
	 * The next number of the sequence, recorded as its last; call within the transaction
	 * that uses it.
	 * @throws ErpRecordRefusedException when the sequence does not exist or is used up
	 */
	String next(int companyId, String numberingId, LocalDate today, String forRecord) {
		List<Segment> segments = erp.query(
				"SELECT NumberingSEQ, LastNbr, EndNbr, NbrStep FROM NumberingSequence"
						+ " WHERE CompanyID = ? AND NumberingID = ? AND StartDate <= ?"
						+ " ORDER BY StartDate DESC LIMIT 1 FOR UPDATE",
				(row, n) -> new Segment(row.getInt(1), row.getString(2), row.getString(3), row.getInt(4)), companyId,
				numberingId, today);
		if (segments.isEmpty()) {
			throw new ErpRecordRefusedException(forRecord + " not imported: the ERP has no numbering sequence '"
					+ numberingId + "' in company " + companyId + " that has started by " + today);
		}
		Segment segment = segments.get(0);
		String next = increment(segment.last(), segment.step());
		if (next == null || next.compareTo(segment.end()) > 0) {
			throw new ErpRecordRefusedException(forRecord + " not imported: numbering sequence '" + numberingId
					+ "' is used up (its last number is " + segment.last() + ", its end " + segment.end() + ")");
		}
		erp.update(
				"UPDATE NumberingSequence SET LastNbr = ? WHERE CompanyID = ? AND NumberingID = ? AND NumberingSEQ = ?",
				next, companyId, numberingId, segment.seq());
		return next;
	}

	/**
	 * The number {@code step} after {@code last}, its digits at the end counted up in the
	 * same width ("EC00009" → "EC00010"), or null when they would need another digit.
	 */
	static @Nullable String increment(String last, int step) {
		int digits = last.length();
		while (digits > 0 && Character.isDigit(last.charAt(digits - 1))) {
			digits--;
		}
		String prefix = last.substring(0, digits);
		String number = last.substring(digits);
		if (number.isEmpty()) {
			return null;
		}
		String next = Long.toString(Long.parseLong(number) + step);
		if (next.length() > number.length()) {
			return null;
		}
		return prefix + "0".repeat(number.length() - next.length()) + next;
	}

	private record Segment(int seq, String last, String end, int step) {
	}

}
