#!/usr/bin/env python3
"""Sana in a real browser: Debian's Chromium through chromium-driver, driven by selenium.

  site_browser_test.py BASE_URL SCREENSHOT_DIR

Walks the path a visitor takes (home, typing a question and seeing suggestions, the answers,
the first answer, next and previous, a related article, a missing page, questions that try to
become markup), and fails on any
console error, any HTML5 parse error (html5lib) or any serious or critical axe-core (WCAG 2.1 AA) violation. Saves screenshots
at desktop (1280 px) and phone (390 px) widths. Run by SanaCLITests.BrowserTests.
"""
import json, os, sys, urllib.error, urllib.parse, urllib.request

import html5lib

import axe_core_python
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, UnexpectedAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

BASE, SHOTS = sys.argv[1].rstrip("/"), sys.argv[2]
# axe-core 4.x, the offline copy that the PyPI package axe-core-python ships.
AXE_SOURCE = open(os.path.join(os.path.dirname(axe_core_python.__file__), "axe.min.js"), encoding="utf-8").read()
failures = []
# Questions that try to become markup (issue 9): U+0600 and U+0301 share a grapheme cluster with
# the `<` or `"` beside them, which hid those from an escaper that compared clusters.
HOSTILE_QUESTIONS = [
    "zqxj\u0600\"\u0600>\u0600<meta http-equiv=refresh content=0;url=https://example.org/ \u0600>",
    "x\"\u0301 autofocus onfocus=alert(1) y=\"\u0301",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "\u0600</title>\u0600<iframe src=javascript:alert(1)>\u0600<!--",
]


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)


def check_page(driver, name, expect_404=False):
    """Console errors and accessibility of the page now shown."""
    check_html(driver.current_url, name)
    for entry in driver.get_log("browser"):
        if entry["level"] == "SEVERE":
            # The 404 page's own status line is expected there, nothing else is.
            if expect_404 and "404" in entry["message"]:
                continue
            failures.append(f"{name}: console error: {entry['message']}")
    driver.execute_script(AXE_SOURCE)
    results = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        ".then(function (r) { done(r); }, function (e) { done({error: String(e)}); });")
    if "error" in results:
        failures.append(f"{name}: axe could not run: {results['error']}")
        return
    for v in results["violations"]:
        if v["impact"] in ("serious", "critical"):
            targets = [n["target"] for n in v["nodes"]][:3]
            failures.append(f"{name}: axe {v['impact']} {v['id']}: {v['help']} at {targets}")


def check_html(url, name):
    """The page as served (before any script runs) parses as HTML5 without a single error."""
    try:
        body = urllib.request.urlopen(url).read()
    except urllib.error.HTTPError as e:
        body = e.read()
    parser = html5lib.HTMLParser(strict=False)
    parser.parse(body)
    for position, code, data in parser.errors:
        failures.append(f"{name}: HTML5 parse error {code} at line {position[0]}, column {position[1]} {data or ''}")


def check_hostile_question(driver, question, name):
    """The question stays text: in the box as typed, adding no element or attribute to the page."""
    driver.get(BASE + "/search?q=" + urllib.parse.quote(question, safe=""))
    try:
        alert = driver.switch_to.alert
        failures.append(f"{name}: a script of the question ran (alert {alert.text!r})")
        alert.dismiss()
    except NoAlertPresentException:
        pass
    expect(driver.find_elements(By.CSS_SELECTOR, "meta[http-equiv]") == [], f"{name}: a meta http-equiv in the page")
    found = driver.execute_script(
        "var found = [];"
        "document.querySelectorAll('*').forEach(function (e) { Array.prototype.forEach.call(e.attributes, function (a) {"
        "  if (/^on/i.test(a.name) || a.name === 'autofocus') found.push(e.tagName + ' ' + a.name); }); });"
        "return found;")
    expect(found == [], f"{name}: event handler or autofocus attributes {found}")
    expect(len(driver.find_elements(By.TAG_NAME, "script")) == 1, f"{name}: scripts other than the site's own")
    expect(driver.find_elements(By.TAG_NAME, "iframe") == [], f"{name}: an iframe in the page")
    boxes = driver.find_elements(By.ID, "q")
    expect([b.get_property("value") for b in boxes] == [question], f"{name}: the box does not hold the question")
    expect(driver.current_url.startswith(BASE + "/search?"), f"{name}: left the answers page for {driver.current_url}")
    check_html(driver.current_url, name)


def screenshots(driver, name):
    for width, label in ((1280, "desktop"), (390, "phone")):
        driver.set_window_size(width, 900)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, min(max(height, 700), 4000))
        driver.save_screenshot(os.path.join(SHOTS, f"{name}-{label}.png"))
    driver.set_window_size(1280, 900)


def expect(condition, message):
    if not condition:
        failures.append(message)
    return condition


def main():
    os.makedirs(SHOTS, exist_ok=True)
    driver = browser()
    driver.set_script_timeout(60)
    wait = WebDriverWait(driver, 10)
    try:
        driver.get(BASE + "/")
        expect("Sana" in driver.title, "home: title")
        check_page(driver, "home")
        screenshots(driver, "home")

        box = driver.find_element(By.ID, "q")
        box.send_keys("gallst")
        suggestion = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#q-suggestions a")))
        expect("gall" in suggestion.text.lower(), f"suggestions: got {suggestion.text!r}")
        box.clear()
        box.send_keys("what happens if gallstones are not treated", Keys.ENTER)
        wait.until(EC.url_contains("/search?"))
        results = driver.find_elements(By.CSS_SELECTOR, ".results .result h2 a")
        expect(len(results) > 0, "answers: no results")
        expect(len(driver.find_elements(By.CSS_SELECTOR, ".results mark")) > 0, "answers: no marked words")
        check_page(driver, "answers")
        screenshots(driver, "answers")

        results[0].click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "article h1")))
        expect("/articles/" in driver.current_url, "first answer: not an article")
        article_url = driver.current_url
        expect("not a diagnosis" in driver.page_source, "article: no information notice")
        check_page(driver, "article")
        screenshots(driver, "article")

        driver.find_element(By.CSS_SELECTOR, "a[rel=next]").click()
        wait.until(lambda d: d.current_url != article_url)
        next_url = driver.current_url
        check_page(driver, "next article")
        driver.find_element(By.CSS_SELECTOR, "a[rel=prev]").click()
        wait.until(lambda d: d.current_url != next_url)
        expect(driver.current_url == article_url, f"previous of next: {driver.current_url} is not {article_url}")

        related = driver.find_elements(By.CSS_SELECTOR, ".related a")
        if expect(len(related) > 0, "article: no related articles"):
            excerpts = driver.find_elements(By.CSS_SELECTOR, ".related .excerpt")
            expect(all(e.text.endswith("...") for e in excerpts), "related: excerpts must end with ...")
            target = related[0].get_attribute("href")
            related[0].click()
            wait.until(EC.url_to_be(target))
            check_page(driver, "related article")

        driver.get(BASE + "/articles/no-such-article")
        expect(len(driver.find_elements(By.ID, "q")) == 1, "404: no search box")
        expect("Page not found" in driver.page_source, "404: wrong page")
        check_page(driver, "404", expect_404=True)
        screenshots(driver, "notfound")

        for i, question in enumerate(HOSTILE_QUESTIONS, 1):
            try:
                check_hostile_question(driver, question, f"hostile question {i}")
            except UnexpectedAlertPresentException as e:
                failures.append(f"hostile question {i}: a script of the question ran ({e.alert_text!r})")
                driver.switch_to.alert.dismiss()
    finally:
        driver.quit()
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(json.dumps({"status": "ok", "screenshots": sorted(os.listdir(SHOTS))}))


if __name__ == "__main__":
    main()
