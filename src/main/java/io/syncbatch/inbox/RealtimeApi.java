package io.syncbatch.inbox;

import java.util.Collection;
import java.util.Locale;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.syncbatch.inbox.RealtimeStates.StoreState;

/**
 * Each store's real-time state in the operator API: {@code GET /api/realtime},
 * {@code POST /api/realtime/{store}/activate} and {@code POST
 * /api/realtime/{store}/deactivate} with {@code {"mode": "pause"}} or {@code {"mode":
 * "stop"}}.
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping("/api/realtime")
class RealtimeApi {

	private final RealtimeStates states;

	RealtimeApi(RealtimeStates states) {
		this.states = states;
	}

	/** {@code {"mode": "pause" | "stop"}}. */
	record Deactivation(String mode) {
	}

	@GetMapping
	Collection<StoreState> all() {
		return states.all().values();
	}

	@PostMapping("/{store}/activate")
	ResponseEntity<?> activate(@PathVariable String store) {
		return set(store, RealtimeState.ACTIVE);
	}

	@PostMapping("/{store}/deactivate")
	ResponseEntity<?> deactivate(@PathVariable String store, @RequestBody Deactivation deactivation) {
		String mode = deactivation.mode() == null ? "" : deactivation.mode().toLowerCase(Locale.ROOT);
		return switch (mode) {
			case "pause" -> set(store, RealtimeState.PAUSED);
			case "stop" -> set(store, RealtimeState.STOPPED);
			default -> ResponseEntity.badRequest()
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
						"mode must be pause (keep receiving messages, process them once active again) or stop"
								+ " (refuse them)"));
		};
	}

	private ResponseEntity<?> set(String store, RealtimeState state) {
		try {
			return ResponseEntity.ok(states.set(store, state));
		}
		catch (IllegalArgumentException unknown) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, String.valueOf(unknown.getMessage())));
		}
	}

}
