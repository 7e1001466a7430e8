package io.syncbatch.testsupport;

import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * One published contract (its errata applied), for a test that records requests itself:
 * what the contract finds wrong with each.
 */
public final class PublishedContractCheck {

	private final ContractRequestValidator validator;

	private PublishedContractCheck(ContractRequestValidator validator) {
		this.validator = validator;
	}

	/**
	 * @param contractFile below contracts/, e.g. {@code magento/admin-schema-2.4.9.yaml}
	 */
	public static PublishedContractCheck of(String contractFile) {
		return new PublishedContractCheck(new ContractRequestValidator(PublishedContract.locate(contractFile, "")));
	}

	/** The base path the contract declares, e.g. {@code /rest/default}. */
	public String basePath() {
		return validator.contract().basePath();
	}

	/**
	 * What the contract finds wrong with the request, a line each; empty when nothing.
	 */
	public List<String> problems(LoggedRequest request) {
		return validator.validate(request).getMessages().stream().map(Object::toString).toList();
	}

}
