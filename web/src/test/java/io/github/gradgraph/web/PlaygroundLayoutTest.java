package io.github.gradgraph.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page at 1280×800 and on a narrow window: nothing wider than the window, every control reachable and usable
 * from the keyboard, and the whole page (a screenshot).
 */
class PlaygroundLayoutTest extends PageTest {
    private static long js(String script) {
        return ((Number) ((JavascriptExecutor) browser.driver).executeScript(script)).longValue();
    }

    private static void assertNoHorizontalScroll(String where) {
        long scroll = js("return document.documentElement.scrollWidth;");
        long width = js("return document.documentElement.clientWidth;");
        Object wide = ((JavascriptExecutor) browser.driver).executeScript("const w = document.documentElement.clientWidth;"
                + "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1)"
                + ".slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + "
                + "Math.round(e.getBoundingClientRect().right)).join(', ');");
        assertTrue(scroll <= width, where + ": the page is " + scroll + " px wide in a " + width + " px window: "
                + wide);
    }

    @Test
    void atTheUsualSize_andNarrow_nothingIsWiderThanTheWindow() throws Exception {
        browser.driver.manage().window().setSize(new Dimension(1280, 800));
        Thread.sleep(300);
        assertNoHorizontalScroll("1280×800");
        browser.screenshot("10-layout-1280x800");
        browser.driver.manage().window().setSize(new Dimension(420, 900));
        Thread.sleep(300);
        assertNoHorizontalScroll("420×900");
        browser.screenshot("11-layout-narrow");
        browser.driver.manage().window().setSize(new Dimension(1280, 1900));
        Thread.sleep(300);
        browser.screenshot("12-whole-page");
        browser.driver.manage().window().setSize(new Dimension(1280, 800));
        List<String> problems = browser.consoleProblems();
        assertTrue(problems.isEmpty(), () -> "browser console: " + problems);
    }

    @Test
    void everyControl_isReachedByTab_andPlayWorksFromTheKeyboard() throws Exception {
        WebElement bodyEl = browser.driver.findElement(By.tagName("body"));
        bodyEl.click();
        java.util.Set<String> reached = new java.util.HashSet<>();
        for (int i = 0; i < 40 && !reached.contains("play"); i++) {
            new Actions(browser.driver).sendKeys(Keys.TAB).perform();
            String id = browser.driver.switchTo().activeElement().getDomAttribute("id");
            if (id != null) {
                reached.add(id);
            }
        }
        for (String id : new String[] {"data", "hidden", "activation", "output", "optimizer", "lr", "batchSize", "l2",
            "epochs", "seed", "preset", "loss", "play"}) {
            assertTrue(reached.contains(id), id + " not reached by Tab; reached " + reached);
        }
        new Actions(browser.driver).sendKeys(Keys.ENTER).perform(); // play, from the keyboard
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> "running".equals(
                d.findElement(By.tagName("body")).getDomAttribute("data-status")));
        assertEquals("true", browser.driver.findElement(By.id("play")).getDomAttribute("aria-pressed"));
        new Actions(browser.driver).sendKeys(Keys.SPACE).perform(); // and pause
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(d -> "paused".equals(
                d.findElement(By.tagName("body")).getDomAttribute("data-status")));
    }
}
