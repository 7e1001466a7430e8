package io.syncbatch.inbox;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** How the inbox's endpoints say no: a sentence as a problem detail (RFC 9457). */
final class Problems {

	private Problems() {
	}

	static ResponseEntity<ProblemDetail> of(HttpStatus status, String detail) {
		return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
	}

}
