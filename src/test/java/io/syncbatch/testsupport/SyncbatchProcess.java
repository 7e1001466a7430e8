package io.syncbatch.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code target/syncbatch.jar}, run as an operator or a scheduler runs it: a
 * separate JVM in its own working directory, with its own environment, its output
 * captured.
 */
public final class SyncbatchProcess {

	public static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

	private final Path workDir;

	private final Map<String, String> environment;

	public SyncbatchProcess(Path workDir, Map<String, String> environment) {
		this.workDir = workDir;
		this.environment = environment;
	}

	/** Runs a command to its end. */
	public Result run(String... arguments) throws IOException, InterruptedException {
		Process process = start(arguments);
		if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("syncbatch " + String.join(" ", arguments) + " did not finish");
		}
		return new Result(process.exitValue(), read("out.txt"), read("err.txt"));
	}

	/**
	 * Starts a command and leaves it running; stdout and stderr go to out.txt and
	 * err.txt.
	 */
	public Process start(String... arguments) throws IOException {
		String jar = System.getProperty("syncbatch.jar", "target/syncbatch.jar");
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
				Path.of(jar).toAbsolutePath().toString()));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
			.redirectOutput(workDir.resolve("out.txt").toFile())
			.redirectError(workDir.resolve("err.txt").toFile());
		builder.environment().putAll(environment);
		return builder.start();
	}

	public String read(String file) throws IOException {
		return Files.readString(workDir.resolve(file));
	}

	public record Result(int exitCode, String out, String err) {
		@Override
		public String toString() {
			return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
		}
	}

}
