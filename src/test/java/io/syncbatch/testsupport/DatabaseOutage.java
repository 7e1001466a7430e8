package io.syncbatch.testsupport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * A database that drops off the network and comes back, for the sync database of a test
 * context: while it is {@linkplain #begin() down}, the connections it had are broken
 * (their open transactions rolled back on the server, as when the server drops a client)
 * and every JDBC call on them or on their statements and result sets fails as a broken
 * link does, with SQLState 08S01; new connections are refused. The real server stays up
 * underneath, so that {@link #end()} brings the same data back. Installed as a bean
 * post-processor, it puts itself between the sync pool and the driver: the pool, and what
 * the application sees of it, are the production ones.
 */
public final class DatabaseOutage implements BeanPostProcessor {

	private final String beanName;

	private final AtomicBoolean down = new AtomicBoolean();

	private final Set<Connection> open = Collections.newSetFromMap(new ConcurrentHashMap<>());

	private final AtomicReference<@Nullable Thread> losesNextCommitAnswer = new AtomicReference<>();

	/** An outage of the pool that is the bean of this name. */
	public DatabaseOutage(String beanName) {
		this.beanName = beanName;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String name) {
		if (name.equals(beanName) && bean instanceof HikariDataSource pool) {
			DriverManagerDataSource driver = new DriverManagerDataSource(pool.getJdbcUrl(), pool.getUsername(),
					pool.getPassword());
			pool.setDataSource(outageAware(driver));
		}
		return bean;
	}

	/** The database drops: its connections break and new ones are refused. */
	public void begin() {
		down.set(true);
		for (Connection connection : open) {
			try {
				connection.rollback();
			}
			catch (SQLException alreadyGone) {
				// Nothing to roll back.
			}
			try {
				connection.close();
			}
			catch (SQLException alreadyGone) {
				// Closed is what we wanted.
			}
		}
		open.clear();
	}

	/**
	 * The next commit this thread asks for is made, and then the database drops before
	 * its answer arrives: the client cannot tell a commit that landed from one that did
	 * not.
	 */
	public void loseNextCommitAnswerOf(Thread thread) {
		losesNextCommitAnswer.set(thread);
	}

	/** The database is reachable again. */
	public void end() {
		down.set(false);
	}

	private DataSource outageAware(DataSource driver) {
		return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { DataSource.class },
				(proxy, method, args) -> {
					if (method.getName().equals("getConnection")) {
						if (down.get()) {
							throw new SQLTransientConnectionException(
									"Could not connect to the database: Connection refused", "08001");
						}
						Connection connection = (Connection) invoke(driver, method, args);
						open.add(connection);
						return wrap(connection, Connection.class, connection);
					}
					return invoke(driver, method, args);
				});
	}

	/**
	 * A proxy that fails while the database is down, or after it was, for objects of a
	 * connection that was open then; what it returns is wrapped the same way.
	 */
	private Object wrap(Object target, Class<?> type, Connection physical) {
		InvocationHandler handler = (proxy, method, args) -> {
			boolean broken = down.get() || !open.contains(physical);
			if (broken && !isHarmless(method.getName())) {
				throw new SQLNonTransientConnectionException("Communications link failure", "08S01");
			}
			if (target == physical && method.getName().equals("close")) {
				open.remove(physical);
			}
			if (target == physical && method.getName().equals("commit")
					&& losesNextCommitAnswer.compareAndSet(Thread.currentThread(), null)) {
				invoke(target, method, args);
				begin();
				throw new SQLNonTransientConnectionException("Communications link failure", "08S01");
			}
			Object result = invoke(target, method, args);
			Class<?> returned = method.getReturnType();
			if (result != null && returned.isInterface() && returned.getPackageName().equals("java.sql")) {
				return wrap(result, returned, physical);
			}
			return result;
		};
		return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { type }, handler);
	}

	/** What a pool calls on a broken connection to find out that it is broken. */
	private static boolean isHarmless(String method) {
		return method.equals("close") || method.equals("isClosed") || method.equals("abort")
				|| method.equals("toString") || method.equals("hashCode") || method.equals("equals");
	}

	private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException e) {
			throw e.getCause();
		}
	}

}
