package io.syncbatch.testsupport;

import java.util.List;

import com.github.tomakehurst.wiremock.standalone.MappingsSource;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;

/**
 * Keeps stray files under src/test/resources/mappings out of a store fixture, and keeps
 * stubs off disk.
 */
final class NoMappingFiles implements MappingsSource {

	@Override
	public void loadMappingsInto(StubMappings stubMappings) {
	}

	@Override
	public void save(List<StubMapping> stubMappings) {
	}

	@Override
	public void save(StubMapping stubMapping) {
	}

	// Deprecated by WireMock but still abstract, so it must be implemented.
	@Override
	@SuppressWarnings("removal")
	public void remove(StubMapping stubMapping) {
	}

	@Override
	public void removeAll() {
	}

}
