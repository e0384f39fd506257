package io.latent4j.viz;

/**
 * One section of the exported report: prose (Markdown), optionally the Java that produces its
 * result and the figure it shows. The README and the notebook are two renderings of the same list.
 *
 * @param markdown text of the section, starting with its heading
 * @param code     Java code for a notebook code cell, or null
 * @param figure   file name of a PNG in the export directory, or null
 * @param caption  alt text for the figure
 */
record ReportSection(String markdown, String code, String figure, String caption) {
    static ReportSection text(String markdown) {
        return new ReportSection(markdown, null, null, null);
    }
}
