package io.latent4j.viz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latent4j.files.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * Writes report sections as a Jupyter notebook (nbformat 4.5): each section becomes a Markdown
 * cell, its figure embedded as a base64 PNG attachment so the notebook shows the figures without
 * running anything, followed by the section's code cell, if any, with what that code prints as
 * its output.
 */
final class NotebookWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NotebookWriter() {
    }

    static void write(Path file, List<ReportSection> sections, Path figures) throws IOException {
        ObjectNode notebook = JSON.createObjectNode();
        ArrayNode cells = notebook.putArray("cells");
        int id = 0;
        int execution = 0;
        for (ReportSection section : sections) {
            ObjectNode markdown = cells.addObject();
            markdown.put("cell_type", "markdown");
            markdown.put("id", "cell-" + id++);
            markdown.putObject("metadata");
            String text = section.markdown();
            if (section.figure() != null) {
                text += "\n![" + section.caption() + "](attachment:" + section.figure() + ")\n";
                markdown.putObject("attachments").putObject(section.figure()).put("image/png",
                        Base64.getEncoder().encodeToString(Files.readAllBytes(figures.resolve(section.figure()))));
            }
            lines(markdown.putArray("source"), text);
            if (section.code() == null) {
                continue;
            }
            ObjectNode code = cells.addObject();
            code.put("cell_type", "code");
            code.put("id", "cell-" + id++);
            code.put("execution_count", ++execution);
            code.putObject("metadata");
            lines(code.putArray("source"), section.code().source());
            ArrayNode outputs = code.putArray("outputs");
            if (!section.code().output().isEmpty()) {
                ObjectNode stream = outputs.addObject();
                stream.put("output_type", "stream");
                stream.put("name", "stdout");
                lines(stream.putArray("text"), section.code().output());
            }
        }
        ObjectNode metadata = notebook.putObject("metadata");
        ObjectNode kernel = metadata.putObject("kernelspec");
        kernel.put("name", "java");
        kernel.put("display_name", "Java");
        kernel.put("language", "java");
        ObjectNode language = metadata.putObject("language_info");
        language.put("name", "java");
        language.put("version", System.getProperty("java.version"));
        notebook.put("nbformat", 4);
        notebook.put("nbformat_minor", 5);
        AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(notebook) + "\n");
    }

    /** Notebook sources are lists of lines, each keeping its newline but the last. */
    private static void lines(ArrayNode array, String text) {
        String[] parts = text.split("\n", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i == parts.length - 1 && parts[i].isEmpty()) {
                break;
            }
            array.add(i < parts.length - 1 ? parts[i] + "\n" : parts[i]);
        }
    }
}
