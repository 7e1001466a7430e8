package io.syncbatch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The published contracts in the repository's contracts/ folder are unmodified copies of
 * the project's shared contracts, and each vendor folder says where its files came from.
 */
class ContractCopiesTest {

	private static final Path ROOT = Path.of(System.getProperty("user.dir"));

	private static final Path CONTRACTS = ROOT.resolve("contracts");

	private static final Path SHARED = ROOT.resolve("../shared/contracts").normalize();

	private static final String README = "README.md";

	private static final String SOURCE = "SOURCE.md";

	private static final Pattern COMMIT = Pattern.compile("\\b[0-9a-f]{40}\\b");

	@Test
	void copiesAreByteIdenticalToTheSharedContracts() throws IOException {
		assumeTrue(Files.isDirectory(SHARED), "../shared/contracts is not beside this checkout; nothing to compare");

		Set<String> shared = relativeFiles(SHARED);
		Set<String> copied = relativeFiles(CONTRACTS);
		copied.remove(README);

		assertThat(shared).as("files in %s", SHARED).isNotEmpty();
		assertThat(copied).as("files in contracts/ compared with %s", SHARED).isEqualTo(shared);
		for (String file : shared) {
			assertThat(Files.readAllBytes(CONTRACTS.resolve(file)))
				.as("contracts/%s must be byte-identical to %s", file, SHARED.resolve(file))
				.isEqualTo(Files.readAllBytes(SHARED.resolve(file)));
		}
	}

	@Test
	void everyContractFolderNamesItsSourceCommitAndLicence() throws IOException {
		assertThat(CONTRACTS).as("the repository's contracts/ folder").isDirectory();

		List<Path> contractFiles = new ArrayList<>();
		try (Stream<Path> files = Files.walk(CONTRACTS)) {
			files.filter(Files::isRegularFile)
				.filter(f -> !f.equals(CONTRACTS.resolve(README)))
				.filter(f -> !f.getFileName().toString().equals(SOURCE))
				.forEach(contractFiles::add);
		}
		assertThat(contractFiles).as("contract files under contracts/").isNotEmpty();

		Set<Path> sources = new TreeSet<>();
		for (Path file : contractFiles) {
			Path source = nearestSource(file.getParent());
			assertThat(source)
				.as("SOURCE.md in the folder of contracts/%s or a parent below contracts/", CONTRACTS.relativize(file))
				.isNotNull();
			sources.add(source);
		}
		for (Path source : sources) {
			String text = Files.readString(source);
			assertThat(COMMIT.matcher(text).find())
				.as("%s names a commit (40 hex characters)", CONTRACTS.relativize(source))
				.isTrue();
			assertThat(text.toLowerCase(Locale.ROOT)).as("%s says what the licence is", CONTRACTS.relativize(source))
				.contains("licen");
		}
	}

	/**
	 * The SOURCE.md in {@code dir} or the closest folder above it, stopping below
	 * contracts/ itself.
	 */
	private static Path nearestSource(Path dir) {
		for (Path d = dir; d != null && d.startsWith(CONTRACTS) && !d.equals(CONTRACTS); d = d.getParent()) {
			if (Files.isRegularFile(d.resolve(SOURCE))) {
				return d.resolve(SOURCE);
			}
		}
		return null;
	}

	private static Set<String> relativeFiles(Path dir) throws IOException {
		try (Stream<Path> files = Files.walk(dir)) {
			Set<String> names = new TreeSet<>();
			files.filter(Files::isRegularFile).forEach(f -> names.add(dir.relativize(f).toString().replace('\\', '/')));
			return names;
		}
	}

}
