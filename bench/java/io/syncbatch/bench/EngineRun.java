package io.syncbatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code java -jar syncbatch.jar run …} in a JVM of its own, as a scheduler runs it,
 * with its peak heap (from the GC log: the most the heap held before a collection, or at
 * exit) and peak RSS (VmHWM, sampled while it runs). Step and job times are the engine's
 * own (its run log), so JVM start-up is not counted; the job repository's would do, but
 * Connector/J keeps only whole seconds on MariaDB 10.x (see the README).
 */
public final class EngineRun {

	private static final Pattern EXECUTION = Pattern.compile("execution \\d+ COMPLETED in");

	private static final Pattern HEAP_BEFORE_GC = Pattern.compile("(\\d+)M->\\d+M\\(\\d+M\\)");

	private static final Pattern STEP_END = Pattern.compile("Step (\\S+) ended \\w+ in ([\\d.]+) s");

	private static final Pattern JOB_END = Pattern.compile("Job \\S+ execution \\d+ ended \\w+ in ([\\d.]+) s");

	private static final Pattern HEAP_AT_EXIT = Pattern.compile("total \\d+K, used (\\d+)K");

	/**
	 * What {@code run} printed (prepared, processed), the run log's times, and the memory
	 * it took.
	 */
	public record Result(Duration job, Map<String, Duration> steps, long prepared, long processed, long peakHeapMb,
			long peakRssMb) {

		Duration step(String suffix) {
			return steps.entrySet()
				.stream()
				.filter(entry -> entry.getKey().endsWith(suffix))
				.map(Map.Entry::getValue)
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no step *" + suffix + " in " + steps));
		}
	}

	private EngineRun() {
	}

	static Result run(String name, Path jar, Path workDir, String heap, List<String> jvmOptions,
			Map<String, String> environment, List<String> arguments) throws IOException, InterruptedException {
		Files.createDirectories(workDir);
		Path gcLog = workDir.resolve(name + "-gc.log");
		Path out = workDir.resolve(name + "-out.txt");
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Xmx" + heap, "-Xlog:gc,gc+heap+exit:file=" + gcLog));
		jvmOptions.forEach(option -> command.add(option.replace("{run}", name)));
		command.addAll(List.of("-jar", jar.toString()));
		command.addAll(arguments);
		command.add("--logging.level.io.syncbatch.job.RunLog=info");
		ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(out.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		long peakRssKb = 0;
		Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
		while (!process.waitFor(50, TimeUnit.MILLISECONDS)) {
			peakRssKb = Math.max(peakRssKb, vmHwmKb(status));
		}
		String output = Files.readString(out);
		if (process.exitValue() != 0 || !EXECUTION.matcher(output).find()) {
			throw new IllegalStateException(name + ": syncbatch exited " + process.exitValue() + ":\n" + output);
		}
		Matcher job = JOB_END.matcher(output);
		if (!job.find()) {
			throw new IllegalStateException(name + ": no job end line in the output:\n" + output);
		}
		return new Result(seconds(job.group(1)), steps(output), count(output, "prepared"), count(output, "processed"),
				peakHeapMb(gcLog), peakRssKb / 1024);
	}

	private static long count(String output, String label) {
		Matcher line = Pattern.compile("(?m)^\\s+" + label + "\\s+(\\d+)").matcher(output);
		return line.find() ? Long.parseLong(line.group(1)) : -1;
	}

	private static long vmHwmKb(Path status) {
		try {
			for (String line : Files.readAllLines(status)) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("\\D+", ""));
				}
			}
		}
		catch (IOException | RuntimeException exited) {
			// The process ended between two samples; the last sample stands.
		}
		return 0;
	}

	private static long peakHeapMb(Path gcLog) throws IOException {
		long peak = 0;
		for (String line : Files.readAllLines(gcLog)) {
			Matcher beforeGc = HEAP_BEFORE_GC.matcher(line);
			if (beforeGc.find()) {
				peak = Math.max(peak, Long.parseLong(beforeGc.group(1)));
			}
			Matcher atExit = HEAP_AT_EXIT.matcher(line);
			if (atExit.find()) {
				peak = Math.max(peak, Long.parseLong(atExit.group(1)) / 1024);
			}
		}
		return peak;
	}

	private static Map<String, Duration> steps(String output) {
		Map<String, Duration> steps = new LinkedHashMap<>();
		Matcher step = STEP_END.matcher(output);
		while (step.find()) {
			steps.put(step.group(1), seconds(step.group(2)));
		}
		return steps;
	}

	private static Duration seconds(String text) {
		return Duration.ofNanos((long) (Double.parseDouble(text) * 1e9));
	}

}
