package io.syncbatch.inbox;

import java.util.Collection;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
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

	private final RealtimeSetup setup;

	RealtimeApi(RealtimeStates states, RealtimeSetup setup) {
		this.states = states;
		this.setup = setup;
	}

	/** {@code {"mode": "pause" | "stop"}}. */
	record Deactivation(String mode) {
	}

	/**
	 * {@code {"url": "https://sync.example.com"}}, or {@code {}} for the configured one.
	 */
	record Initialization(@Nullable String url) {
	}

	@PostMapping("/{store}/initialize")
	ResponseEntity<?> initialize(@PathVariable String store, @RequestBody Initialization initialization) {
		try {
			return ResponseEntity.ok(setup.initialize(store, initialization.url()));
		}
		catch (IllegalArgumentException refused) {
			return Problems.of(HttpStatus.BAD_REQUEST, String.valueOf(refused.getMessage()));
		}
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
			default -> Problems.of(HttpStatus.BAD_REQUEST,
					"mode must be pause (keep receiving messages, process them once active again) or stop"
							+ " (refuse them)");
		};
	}

	/**
	 * Sets the state, and switches the store's hooks off when it stops, on when it is
	 * active.
	 */
	private ResponseEntity<?> set(String store, RealtimeState state) {
		try {
			StoreState set = states.set(store, state);
			if (state != RealtimeState.PAUSED) {
				setup.hooksActive(store, state == RealtimeState.ACTIVE);
			}
			return ResponseEntity.ok(set);
		}
		catch (IllegalArgumentException unknown) {
			return Problems.of(HttpStatus.NOT_FOUND, String.valueOf(unknown.getMessage()));
		}
	}

}
