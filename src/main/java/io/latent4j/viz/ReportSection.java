package io.latent4j.viz;

/**
 * One section of the exported report: prose (Markdown), optionally the figure it shows and the
 * notebook code cell that follows it. The README and the notebook are two renderings of the same list.
 *
 * @param markdown text of the section, starting with its heading
 * @param figure   file name of a PNG in the export directory, or null
 * @param caption  alt text for the figure
 * @param code     the notebook's code cell after the text, or null
 */
record ReportSection(String markdown, String figure, String caption, NotebookCode.Cell code) {
    static ReportSection text(String markdown) {
        return new ReportSection(markdown, null, null, null);
    }

    static ReportSection withCode(String markdown, NotebookCode.Cell code) {
        return new ReportSection(markdown, null, null, code);
    }
}
