package io.syncbatch.connector.magento.sandbox;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.syncbatch.connector.sandbox.Reply;
import io.syncbatch.connector.sandbox.Router;
import io.syncbatch.connector.sandbox.SandboxRequest;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Magento's directory of countries and their regions, {@code GET
 * /V1/directory/countries/{countryId}}: the United States with their states (the
 * sandbox's own region ids, in alphabetical order), any other two-letter country without
 * regions. The demo company's customers are all in the United States.
 */
final class DirectoryBook {

	private static final String[][] US_STATES = { { "AL", "Alabama" }, { "AK", "Alaska" }, { "AZ", "Arizona" },
			{ "AR", "Arkansas" }, { "CA", "California" }, { "CO", "Colorado" }, { "CT", "Connecticut" },
			{ "DE", "Delaware" }, { "DC", "District of Columbia" }, { "FL", "Florida" }, { "GA", "Georgia" },
			{ "HI", "Hawaii" }, { "ID", "Idaho" }, { "IL", "Illinois" }, { "IN", "Indiana" }, { "IA", "Iowa" },
			{ "KS", "Kansas" }, { "KY", "Kentucky" }, { "LA", "Louisiana" }, { "ME", "Maine" }, { "MD", "Maryland" },
			{ "MA", "Massachusetts" }, { "MI", "Michigan" }, { "MN", "Minnesota" }, { "MS", "Mississippi" },
			{ "MO", "Missouri" }, { "MT", "Montana" }, { "NE", "Nebraska" }, { "NV", "Nevada" },
			{ "NH", "New Hampshire" }, { "NJ", "New Jersey" }, { "NM", "New Mexico" }, { "NY", "New York" },
			{ "NC", "North Carolina" }, { "ND", "North Dakota" }, { "OH", "Ohio" }, { "OK", "Oklahoma" },
			{ "OR", "Oregon" }, { "PA", "Pennsylvania" }, { "RI", "Rhode Island" }, { "SC", "South Carolina" },
			{ "SD", "South Dakota" }, { "TN", "Tennessee" }, { "TX", "Texas" }, { "UT", "Utah" }, { "VT", "Vermont" },
			{ "VA", "Virginia" }, { "WA", "Washington" }, { "WV", "West Virginia" }, { "WI", "Wisconsin" },
			{ "WY", "Wyoming" } };

	private final JsonMapper mapper;

	DirectoryBook(JsonMapper mapper) {
		this.mapper = mapper;
	}

	void addRoutes(Router router) {
		router.add("GET", "/V1/directory/countries/{key}", Set.of(), this::country);
	}

	/** The regions of a country by id, as {@link #country} lists them; none for most. */
	Map<Integer, String[]> regions(String countryId) {
		Map<Integer, String[]> regions = new java.util.LinkedHashMap<>();
		if ("US".equalsIgnoreCase(countryId)) {
			for (int i = 0; i < US_STATES.length; i++) {
				regions.put(i + 1, US_STATES[i]);
			}
		}
		return regions;
	}

	private Reply country(SandboxRequest request) {
		String id = request.key(0).toUpperCase(Locale.ROOT);
		if (!id.matches("[A-Z]{2}")) {
			throw MagentoRefusal.of(404, "Requested country is not available.", Map.of());
		}
		ObjectNode country = mapper.createObjectNode();
		country.put("id", id);
		country.put("two_letter_abbreviation", id);
		country.put("three_letter_abbreviation", id);
		country.put("full_name_locale", id);
		country.put("full_name_english", id);
		ArrayNode available = country.putArray("available_regions");
		regions(id).forEach((regionId, region) -> available.addObject()
			.put("id", String.valueOf(regionId))
			.put("code", region[0])
			.put("name", region[1]));
		return Reply.ok(country);
	}

}
