package io.github.gradgraph.notebook.stored;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredOutputsTest {
    @TempDir
    Path dir;

    private StoredOutputs notebook(String name, String outputs) throws IOException {
        String nb = """
                {"cells": [
                  {"cell_type": "markdown", "metadata": {}, "source": ["# title"]},
                  {"cell_type": "code", "execution_count": 1, "metadata": {}, "source": ["Node J = x;\\n", "J"],
                   "outputs": [%s]}
                ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
                """.formatted(outputs);
        Path p = dir.resolve(name);
        Files.writeString(p, nb);
        return StoredOutputs.read(p);
    }

    private static final String LATEX = """
            {"output_type": "execute_result", "execution_count": 1, "metadata": {},
             "data": {"text/latex": "$$J$$", "text/plain": "J", "image/png": "AAAA"}}""";

    @Test
    void theSameOutputs_agree_evenWithOtherPictureBytesAndStreamPieces() throws IOException {
        StoredOutputs stored = notebook("a.ipynb", LATEX + """
                , {"output_type": "stream", "name": "stdout", "text": ["J = 0.5\\n"]}""");
        StoredOutputs fresh = notebook("b.ipynb", LATEX.replace("AAAA", "BBBB") + """
                , {"output_type": "stream", "name": "stdout", "text": ["J = "]},
                  {"output_type": "stream", "name": "stdout", "text": ["0.5\\n"]}""");
        assertEquals(List.of(), stored.differences(fresh));
        assertEquals(List.of("image/png", "text/latex", "text/plain"), stored.mimeTypes());
        assertEquals(1, stored.cells().get(0).index(), "cells are numbered as the notebook shows them");
    }

    @Test
    void changedText_aMissingType_orAnotherCount_areNamedByCell() throws IOException {
        StoredOutputs stored = notebook("a.ipynb", LATEX);
        List<String> text = stored.differences(notebook("b.ipynb", LATEX.replace("$$J$$", "$$K$$")));
        assertEquals(1, text.size(), text::toString);
        assertTrue(text.get(0).startsWith("a.ipynb cell 1 (Node J = x;) output 0: its text changed"), text.get(0));
        List<String> mime = stored.differences(notebook("c.ipynb", LATEX.replace("\"image/png\"", "\"image/gif\"")));
        assertTrue(mime.get(0).contains("stored display [image/png, text/latex, text/plain], now display "
                + "[image/gif, text/latex, text/plain]"), mime.get(0));
        List<String> count = stored.differences(notebook("d.ipynb", ""));
        assertTrue(count.get(0).contains("1 outputs stored, 0 now"), count.get(0));
    }

    @Test
    void htmlThatIsAPicture_comparesAsAPicture_otherHtmlAsText() throws IOException {
        String picture = """
                {"output_type": "display_data", "metadata": {},
                 "data": {"text/html": "<img src=\\"data:image/svg+xml;base64,%s\\">", "text/plain": "graph"}}""";
        assertEquals(List.of(), notebook("a.ipynb", picture.formatted("AAAA"))
                .differences(notebook("b.ipynb", picture.formatted("BBBB"))));
        String table = picture.replace("<img src=", "<table id=");
        assertEquals(1, notebook("c.ipynb", table.formatted("AAAA"))
                .differences(notebook("d.ipynb", table.formatted("BBBB"))).size());
    }

    @Test
    void anError_isReportedWithItsCell() throws IOException {
        StoredOutputs failed = notebook("e.ipynb", """
                {"output_type": "error", "ename": "CompilerException", "evalue": "cannot find symbol", "traceback": []}""");
        assertEquals(List.of("e.ipynb cell 1 (Node J = x;): CompilerException: cannot find symbol"), failed.errors());
    }
}
