package io.github.gradgraph.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A test class of the page: one server and one browser at 1280×800 for all its tests. */
abstract class PageTest {
    static PageFixture page;
    static Browser browser;

    @BeforeAll
    static void openPage() throws Exception {
        page = PageFixture.open(1280, 800);
        browser = page.browser;
    }

    @AfterAll
    static void closePage() {
        if (page != null) {
            page.close();
            page = null;
        }
    }
}
