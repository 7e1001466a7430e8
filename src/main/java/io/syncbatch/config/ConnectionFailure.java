package io.syncbatch.config;

import java.net.SocketException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure means that a database could not be reached (no connection, or the
 * connection broke), as opposed to a statement it refused: the reason an operator needs
 * then is which database, not the statement.
 */
public final class ConnectionFailure {

	private ConnectionFailure() {
	}

	/** The failure in the chain that says the connection failed, if there is one. */
	public static Optional<Throwable> in(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof CannotCreateTransactionException
					|| cause instanceof DataAccessResourceFailureException
					|| cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLNonTransientConnectionException || cause instanceof SQLRecoverableException
					|| cause instanceof SocketException) {
				return Optional.of(cause);
			}
		}
		return Optional.empty();
	}

	/** The innermost cause's class and first line: what the driver said. */
	public static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
		return root.getClass().getSimpleName() + (message.isBlank() ? "" : ": " + message);
	}

}
