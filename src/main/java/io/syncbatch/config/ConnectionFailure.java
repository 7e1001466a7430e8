package io.syncbatch.config;

import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

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
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof CannotCreateTransactionException
					|| cause instanceof DataAccessResourceFailureException
					|| cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLNonTransientConnectionException || cause instanceof SQLRecoverableException
					|| cause instanceof SocketException || connectionState(cause)
					|| cause instanceof TransactionSystemException) {
				return Optional.of(cause);
			}
		}
		return Optional.empty();
	}

	/**
	 * SQLSTATE class 08 is the standard's "connection exception", whatever the class that
	 * carries it. (A commit or rollback that JDBC could not do, a
	 * {@link TransactionSystemException}, counts too: the pool then often says no more
	 * than "Connection is closed".)
	 */
	private static boolean connectionState(Throwable cause) {
		return cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08");
	}

	/** The innermost cause's class and first line: what the driver said. */
	public static String rootMessage(Throwable failure) {
		Throwable root = failure;
		for (Throwable cause = next(root); cause != null; cause = next(cause)) {
			root = cause;
		}
		String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
		return root.getClass().getSimpleName() + (message.isBlank() ? "" : ": " + message);
	}

	/**
	 * A rollback that failed because the connection was gone hides the failure that
	 * caused the rollback ("Connection is closed" instead of the broken link): that one
	 * says what happened.
	 */
	private static @Nullable Throwable next(Throwable cause) {
		if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
			return rollback.getApplicationException();
		}
		return cause.getCause() == cause ? null : cause.getCause();
	}

}
