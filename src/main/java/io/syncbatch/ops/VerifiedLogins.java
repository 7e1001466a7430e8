package io.syncbatch.ops;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The logins a password hash check has verified, remembered for a while so that the
 * requests after a login cost an HMAC instead of a bcrypt check each (HTTP Basic sends
 * the password with every request, and a bcrypt check costs about a tenth of a second of
 * CPU). What is remembered is HMAC-SHA256(user name, password) under a key drawn at
 * random when the process starts and never stored: the password itself is not kept, and
 * the remembered value is worthless outside this process. It is compared in constant
 * time. Only verified logins are remembered, one per account, so the memory is bounded by
 * the accounts configured; a wrong password is never remembered, and a login older than
 * the time to live is checked against the hash again.
 */
final class VerifiedLogins {

	private record Verified(byte[] mac, Instant until) {
	}

	private final SecretKeySpec key;

	private final Duration timeToLive;

	private final Clock clock;

	private final Map<String, Verified> byUser = new ConcurrentHashMap<>();

	VerifiedLogins(Duration timeToLive, Clock clock) {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		this.key = new SecretKeySpec(random, "HmacSHA256");
		this.timeToLive = timeToLive;
		this.clock = clock;
	}

	/** Whether this user name and password were verified within the time to live. */
	boolean remembers(String username, String password) {
		Verified verified = byUser.get(username);
		if (verified == null) {
			return false;
		}
		if (!clock.instant().isBefore(verified.until())) {
			byUser.remove(username, verified);
			return false;
		}
		return MessageDigest.isEqual(verified.mac(), mac(username, password));
	}

	/** Called only after the password hash check accepted this login. */
	void remember(String username, String password) {
		if (!timeToLive.isZero()) {
			byUser.put(username, new Verified(mac(username, password), clock.instant().plus(timeToLive)));
		}
	}

	private byte[] mac(String username, String password) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			// The length first, so that ("ab", "c") and ("a", "bc") differ.
			mac.update((username.length() + ":" + username).getBytes(StandardCharsets.UTF_8));
			return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
		}
	}

}
