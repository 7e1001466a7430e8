package io.syncbatch.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * "The store" as scenarios see it, in terms every platform has: the engine is pointed at
 * it under a store name, it holds documents of a few resources, it records the requests
 * it was sent, and it can be made to misbehave. One implementation per platform
 * ({@link BigCommerceStoreFixture} for BigCommerce); documents keep the platform's own
 * field names, since they are what the platform's API returns.
 * <p>
 * As a JUnit extension the fixture checks after each test what was sent (e.g. against the
 * platform's published contract), then forgets it and empties the store.
 */
public interface StoreFixture extends AfterEachCallback {

	/** The platform's name in {@code syncbatch.stores.<name>.platform}. */
	String platform();

	/**
	 * Spring test properties that make the named store this fixture, with quick retries
	 * and a short timeout.
	 */
	void pointStoreAt(String storeName, DynamicPropertyRegistry registry);

	/** A snapshot of what the store holds of a resource. */
	List<Map<String, Object>> documents(Resource resource);

	default List<Map<String, Object>> customers() {
		return documents(Resource.CUSTOMERS);
	}

	default List<Map<String, Object>> addresses() {
		return documents(Resource.ADDRESSES);
	}

	default List<Map<String, Object>> products() {
		return documents(Resource.PRODUCTS);
	}

	default List<Map<String, Object>> categories() {
		return documents(Resource.CATEGORIES);
	}

	default List<Map<String, Object>> orders() {
		return documents(Resource.ORDERS);
	}

	default List<Map<String, Object>> shipments() {
		return documents(Resource.SHIPMENTS);
	}

	default List<Map<String, Object>> invoices() {
		return documents(Resource.INVOICES);
	}

	/**
	 * Creates a customer in the store directly, as someone else than the engine would,
	 * through the same checked API the engine uses.
	 * @return the store's id of the new customer, as sync records keep it
	 */
	String createCustomer(String email, String firstName, String lastName);

	/**
	 * A customer who signed up in the store, with these fields (the store's own names:
	 * email, first_name, last_name, company, phone); its store id.
	 */
	String createCustomer(Map<String, Object> fields);

	/**
	 * A store user's edit of a customer, through the same contract-checked API: the store
	 * stamps it with a new modification date.
	 */
	void editCustomer(String id, Map<String, Object> fields);

	/** A store user deletes a customer. */
	void deleteCustomer(String id);

	/**
	 * A store customer adds an address, with these fields (the store's own names:
	 * first_name, address1, city, country_code…); its store id.
	 */
	String addAddress(String customerId, Map<String, Object> fields);

	/** A store customer changes an address. */
	void editAddress(String id, Map<String, Object> fields);

	/** A store customer deletes an address. */
	void deleteAddress(String id);

	/**
	 * A shopper's checkout: an order placed in the store by this store customer (null for
	 * a guest), with custom lines (sku, name, quantity, price), billed to the given
	 * address; its store id.
	 */
	String placeOrder(@Nullable String customerId, List<Map<String, Object>> lines, Map<String, Object> billing);

	/** A store user changes an order (its status_id, say). */
	void editOrder(String id, Map<String, Object> fields);

	/**
	 * The lines of an order as the store's API lists them; {@code orderId} is the order
	 * document's id.
	 */
	List<Map<String, Object>> orderLines(Object orderId);

	/**
	 * Every request the store has received since the test began or
	 * {@link #forgetRequests()}, oldest first.
	 */
	List<SentRequest> requests();

	default List<SentRequest> requests(Requests which) {
		return requests().stream().filter(which::matches).toList();
	}

	/** How many requests created or updated something, of any resource. */
	default long writes() {
		return requests().stream().filter(request -> request.operation().writes()).count();
	}

	void forgetRequests();

	/**
	 * Every request {@code which} selects gets {@code fault} until the returned fault is
	 * removed.
	 */
	InjectedFault failAll(Requests which, StoreFault fault);

	/**
	 * The first requests {@code which} selects get these faults in turn; later ones are
	 * served as usual.
	 */
	InjectedFault failFirst(Requests which, StoreFault... inTurn);

	/** What a store holds. */
	enum Resource {

		CUSTOMERS, ADDRESSES, PRODUCTS, CATEGORIES, ORDERS, SHIPMENTS, INVOICES, HOOKS

	}

	/** What a request asks the store to do. */
	enum Operation {

		CREATE(true), UPDATE(true), READ(false), DELETE(false);

		private final boolean writes;

		Operation(boolean writes) {
			this.writes = writes;
		}

		public boolean writes() {
			return this.writes;
		}

	}

	/**
	 * A request the store received.
	 *
	 * @param operation what it asked for
	 * @param resource the resource it was about; {@code null} for one the fixture does
	 * not recognise
	 * @param body the request's body, empty when it had none
	 * @param sentAt when it arrived
	 * @param answeredAt when the answer was complete; {@code null} while it is still
	 * being answered
	 * @param headers the request's headers by lower-case name (the last value of each)
	 */
	record SentRequest(Operation operation, Resource resource, String body, Instant sentAt, Instant answeredAt,
			Map<String, String> headers) {

		/** The time from the other request's arrival to this one's. */
		public Duration after(SentRequest earlier) {
			return Duration.between(earlier.sentAt(), this.sentAt);
		}

	}

	/**
	 * Which requests a fault or a count is about: one operation or any ({@code null}), on
	 * one resource or any ({@code null}), optionally only those whose body contains a
	 * text.
	 */
	record Requests(Operation operation, Resource resource, String bodyContaining) {

		public static Requests creating(Resource resource) {
			return new Requests(Operation.CREATE, resource, null);
		}

		public static Requests updating(Resource resource) {
			return new Requests(Operation.UPDATE, resource, null);
		}

		public static Requests reading(Resource resource) {
			return new Requests(Operation.READ, resource, null);
		}

		/** Every request about the resource, whatever it asks. */
		public static Requests to(Resource resource) {
			return new Requests(null, resource, null);
		}

		/** Every request asking for this, about any resource. */
		public static Requests every(Operation operation) {
			return new Requests(operation, null, null);
		}

		public Requests withBodyContaining(String text) {
			return new Requests(this.operation, this.resource, text);
		}

		public boolean matches(SentRequest request) {
			return (this.operation == null || this.operation == request.operation())
					&& (this.resource == null || this.resource == request.resource())
					&& (this.bodyContaining == null || request.body().contains(this.bodyContaining));
		}

	}

	/** How the store misbehaves for a request, in the platform's own way of saying so. */
	sealed interface StoreFault {

		/** The store is unavailable (503), saying nothing about when to come back. */
		static StoreFault unavailable() {
			return new Unavailable(null);
		}

		/**
		 * The store is unavailable and asks to come back after this long (the standard
		 * {@code Retry-After}).
		 */
		static StoreFault unavailable(Duration retryAfter) {
			return new Unavailable(retryAfter);
		}

		/**
		 * Too many requests (429); the quota resets after this long, as the platform's
		 * own header says.
		 */
		static StoreFault rateLimited(Duration resetIn) {
			return new RateLimited(resetIn);
		}

		/** The connection is reset before any answer. */
		static StoreFault connectionReset() {
			return new ConnectionReset();
		}

		/**
		 * Not a refusal: the store does what was asked, but its answer arrives only after
		 * this long.
		 */
		static StoreFault answerAfter(Duration delay) {
			return new AnswerAfter(delay);
		}

		/**
		 * The store (or a proxy in front of it) answers 200, but with a body that is not
		 * the JSON asked for: an HTML page, an answer cut off. Nothing is done in the
		 * store.
		 */
		static StoreFault unreadableAnswer(String contentType, String body) {
			return new UnreadableAnswer(contentType, body);
		}

		record UnreadableAnswer(String contentType, String body) implements StoreFault {
		}

		/**
		 * The store (or a proxy in front of it) answers with this status and an HTML
		 * error page that quotes the request's headers, its credentials included.
		 */
		static StoreFault errorPageEchoingTheCredentials(int status) {
			return new EchoesCredentials(status);
		}

		record EchoesCredentials(int status) implements StoreFault {
		}

		record Unavailable(Duration retryAfter) implements StoreFault {
		}

		record RateLimited(Duration resetIn) implements StoreFault {
		}

		record ConnectionReset() implements StoreFault {
		}

		record AnswerAfter(Duration delay) implements StoreFault {
		}

	}

	/**
	 * A fault in place; removing it lets the requests it caught be served as usual again.
	 */
	interface InjectedFault {

		void remove();

	}

}
