package io.syncbatch.inbox;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhook log in the operator API:
 * {@code GET /api/inbox?status=failed&store=main&limit=50} (newest first) and {@code POST
 * /api/inbox/{id}/retry}, which receives a FAILED message again. Behind the API's login,
 * as every {@code /api} endpoint.
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping("/api/inbox")
class InboxApi {

	private static final int MAX_LIMIT = 1000;

	private final Inbox inbox;

	InboxApi(Inbox inbox) {
		this.inbox = inbox;
	}

	@GetMapping
	ResponseEntity<?> log(@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String store, @RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			return Problems.of(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
		}
		InboxStatus wanted;
		try {
			wanted = status == null ? null : InboxStatus.parse(status);
		}
		catch (IllegalArgumentException unknown) {
			return Problems.of(HttpStatus.BAD_REQUEST, String.valueOf(unknown.getMessage()));
		}
		List<InboxMessage> log = inbox.log(store, wanted, limit);
		return ResponseEntity.ok(log);
	}

	@PostMapping("/{id}/retry")
	ResponseEntity<?> retry(@PathVariable long id) {
		if (inbox.retry(id)) {
			return ResponseEntity.ok(inbox.message(id));
		}
		InboxMessage message = inbox.message(id);
		return message == null ? Problems.of(HttpStatus.NOT_FOUND, "there is no message " + id + " in the inbox")
				: Problems.of(HttpStatus.CONFLICT,
						"message " + id + " is " + message.status() + "; only a FAILED message is retried");
	}

}
