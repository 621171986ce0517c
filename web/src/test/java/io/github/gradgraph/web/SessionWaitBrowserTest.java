package io.github.gradgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A tab that finds every place of the server taken (two here, filled through the API as other tabs would): it says
 * so; its Play waits, asking again, and an edit of the setup ends the wait; a Play that waits trains as soon as another
 * tab's session ends.
 */
class SessionWaitBrowserTest {
    private static final int LIMIT = 2;

    private static String create(Http http) {
        Http.Reply r = http.post("/api/sessions", "{}");
        assertEquals(201, r.status(), r.body());
        return r.json().get("id").asText();
    }

    private static <T> T waitFor(WebDriver d, Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(d, timeout, Duration.ofMillis(100)).until(condition);
    }

    @Test
    void aTabBeyondTheLimit_waitsForAPlace_stopsWaitingWhenTheSetupChanges_andPlaysWhenAPlaceIsFree()
            throws Exception {
        // idle sessions of the API's own outlive the test: only the test frees a place
        try (PageFixture page = PageFixture.start(1280, 800, LIMIT, Duration.ofMinutes(5))) {
            Http http = new Http(page.server.port());
            String first = create(http);
            String second = create(http);
            page.load();
            WebDriver d = page.browser.driver;
            WebElement body = d.findElement(By.tagName("body"));
            WebElement wait = d.findElement(By.id("session-wait"));
            WebElement play = d.findElement(By.id("play"));
            waitFor(d, Duration.ofSeconds(10), x -> wait.isDisplayed());
            assertEquals("No free place for this tab (2 sessions are open): Play waits for one.", wait.getText());

            play.click();
            waitFor(d, Duration.ofSeconds(10), x -> "true".equals(body.getDomAttribute("data-waiting")));
            assertEquals("Waiting for a free place (2 sessions are open)…", wait.getText());
            page.browser.screenshot("13-waiting-for-a-place");
            // an edit of the setup ends the wait: the place freed next is not taken, and nothing plays
            WebElement seed = d.findElement(By.id("seed"));
            seed.sendKeys(Keys.chord(Keys.CONTROL, "a"), "2");
            waitFor(d, Duration.ofSeconds(10), x -> "false".equals(body.getDomAttribute("data-waiting"))
                    && "false".equals(body.getDomAttribute("data-applying"))
                    && wait.getText().startsWith("No free place"));
            http.delete("/api/sessions/" + first);
            Thread.sleep(3000); // longer than the first retry's delay
            assertEquals(1, page.server.sessions().size(), "the ended wait took no place");
            assertFalse("running".equals(body.getDomAttribute("data-status")));

            String third = create(http);
            play.click();
            waitFor(d, Duration.ofSeconds(10), x -> "true".equals(body.getDomAttribute("data-waiting")));
            Thread.sleep(2500); // at least one more try, refused
            assertEquals("Waiting for a free place (2 sessions are open)…", wait.getText());
            assertEquals(2, page.server.sessions().size());
            http.delete("/api/sessions/" + second);
            waitFor(d, Duration.ofSeconds(15), x -> "running".equals(body.getDomAttribute("data-status")));
            String mine = body.getDomAttribute("data-session");
            assertTrue(page.server.sessions().isOpen(mine), mine);
            assertTrue(page.server.sessions().isOpen(third));
            assertFalse(wait.isDisplayed(), "the waiting message is gone");
            assertEquals(2, page.server.sessions().get(mine).setup().config().seed(), "the setup as edited");
            page.browser.screenshot("14-a-place-was-free");
            // the console holds only the refusals the page waited through
            List<String> problems = page.browser.consoleProblems();
            assertTrue(problems.stream().allMatch(p -> p.contains("/api/sessions") && p.contains("429")),
                    String.join("\n", problems));
        }
    }
}
