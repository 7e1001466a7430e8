package io.syncbatch.ops;

import java.util.ArrayList;
import java.util.List;

/**
 * Columns padded to their widest cell, the last one left ragged: what operators read in a
 * terminal.
 */
final class TextTable {

	private TextTable() {
	}

	static String render(List<String> headers, List<List<String>> rows) {
		List<List<String>> all = new ArrayList<>();
		all.add(headers);
		all.addAll(rows);
		int[] widths = new int[headers.size()];
		for (List<String> row : all) {
			for (int i = 0; i < row.size() - 1; i++) {
				widths[i] = Math.max(widths[i], row.get(i).length());
			}
		}
		StringBuilder text = new StringBuilder();
		for (List<String> row : all) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < row.size(); i++) {
				line.append(i < row.size() - 1 ? String.format("%-" + widths[i] + "s  ", row.get(i)) : row.get(i));
			}
			text.append(line.toString().stripTrailing()).append(System.lineSeparator());
		}
		return text.toString();
	}

}
