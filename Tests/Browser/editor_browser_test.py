#!/usr/bin/env python3
"""One article from draft to published through the editor, in a real browser (Debian's Chromium
through chromium-driver, driven by selenium).

  editor_browser_test.py BASE_URL SCREENSHOT_DIR PASSWORD

The accounts wendy (writer), rita (reviewer), ed (editor) and ada (admin) exist already with PASSWORD
(BrowserTests creates them with `sana user add`). Wendy writes an article with a care card
(the live preview follows her typing, and shows hostile text as text) and submits it; rita rejects it with a comment; wendy
fixes it and submits again; rita approves; ed publishes. The public page must then say
"Reviewed by rita" and carry reviewedBy and lastReviewed in its JSON-LD. Ada adds an API token
on the tokens screen, which shows it once, and reads the audit log. Every editor screen
visited is checked as the public pages are (site_browser_test.py): no console error, no HTML5
parse error, no serious or critical axe-core violation. Run by SanaCLITests.BrowserTests.
"""
import json, os, sys, urllib.request

import html5lib

import axe_core_python
from selenium import webdriver
from selenium.common.exceptions import UnexpectedAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE, SHOTS, PASSWORD = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
AXE_SOURCE = open(os.path.join(os.path.dirname(axe_core_python.__file__), "axe.min.js"), encoding="utf-8").read()
failures = []
TITLE = "How can I ease a sore throat?"
BODY = """Most sore throats get better by themselves within a week.

## Things you can do

Drink plenty of fluids, rest, and gargle with warm salty water.

> [!URGENT] See a doctor today if you find it hard to swallow or breathe.
"""
HOSTILE = "Inert <img src=x onerror=alert(1)> <script>alert(2)</script> [x](javascript:alert(3)) <b onclick=alert(4)>b</b> Z\u0301\u0600\"><svg onload=alert(5)>"
FIX = "\n## When to get help\n\nSee a GP if your sore throat lasts more than a week.\n"


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)


def expect(condition, message):
    if not condition:
        failures.append(message)
    return condition


def check_page(driver, name):
    """The page now shown: HTML5 as served (with the browser's cookies), console, axe-core."""
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(driver.current_url, headers={"Cookie": cookies})
    try:
        body = urllib.request.urlopen(request).read()
        parser = html5lib.HTMLParser(strict=False)
        parser.parse(body)
        for position, code, data in parser.errors:
            failures.append(f"{name}: HTML5 parse error {code} at line {position[0]}, column {position[1]} {data or ''}")
    except urllib.error.HTTPError as e:
        failures.append(f"{name}: {driver.current_url} answered {e.code}")
    for entry in driver.get_log("browser"):
        if entry["level"] == "SEVERE":
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


def screenshot(driver, name):
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(max(height, 700), 4000))
    driver.save_screenshot(os.path.join(SHOTS, f"editor-{name}.png"))
    driver.set_window_size(1280, 900)


def sign_in(driver, wait, name):
    driver.get(BASE + "/editor/sign-in")
    check_page(driver, f"sign-in ({name})")
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form.sign-in button[type=submit]").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "p.who")))
    expect(name in driver.find_element(By.CSS_SELECTOR, "p.who").text, f"{name}: not signed in")
    check_page(driver, f"dashboard ({name})")


def sign_out(driver, wait):
    driver.find_element(By.CSS_SELECTOR, "form.sign-out button").click()
    wait.until(EC.url_contains("/editor/sign-in"))


def open_from_dashboard(driver, wait, title):
    """Follows the dashboard's first link named `title`."""
    driver.find_element(By.LINK_TEXT, title).click()
    wait.until(EC.presence_of_element_located((By.TAG_NAME, "h1")))


def step(driver, wait, button, name, fields=None):
    """On an article's history page: fills `fields` (id → text) and presses `button`."""
    check_page(driver, f"history before {name}")
    for field_id, text in (fields or {}).items():
        driver.find_element(By.ID, field_id).send_keys(text)
    driver.find_element(By.XPATH, f"//button[normalize-space()='{button}']").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#revisions")))


def check_hostile_preview(driver, wait):
    """Hostile text typed into a new draft: the live preview shows it as text, runs nothing."""
    driver.get(BASE + "/editor/drafts/new")
    driver.find_element(By.ID, "body").send_keys(HOSTILE)
    try:
        wait.until(lambda d: "Inert" in d.find_element(By.ID, "preview-panel").text)
    except UnexpectedAlertPresentException as e:
        failures.append(f"hostile preview: a script ran ({e.alert_text!r})")
        return
    found = driver.execute_script(
        "var panel = document.getElementById('preview-panel'), found = [];"
        "panel.querySelectorAll('*').forEach(function (e) { Array.prototype.forEach.call(e.attributes, function (a) {"
        "  if (/^on/i.test(a.name) || /^\\s*javascript:/i.test(a.value)) found.push(e.tagName + ' ' + a.name); }); });"
        "panel.querySelectorAll('img, script, svg, iframe').forEach(function (e) { found.push(e.tagName); });"
        "return found;")
    expect(found == [], f"hostile preview: {found}")


def main():
    os.makedirs(SHOTS, exist_ok=True)
    driver = browser()
    driver.set_script_timeout(60)
    wait = WebDriverWait(driver, 15)
    try:
        # Wendy writes; the live preview follows her typing.
        sign_in(driver, wait, "wendy")
        driver.find_element(By.LINK_TEXT, "Start a new draft").click()
        wait.until(EC.presence_of_element_located((By.ID, "body")))
        driver.find_element(By.ID, "title").send_keys(TITLE)
        driver.find_element(By.ID, "category").send_keys("Ear, nose and throat")
        driver.find_element(By.ID, "body").send_keys(BODY)
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#preview-panel .care-urgent")))
        panel = driver.find_element(By.ID, "preview-panel").text
        expect("Flesch" in panel and "urgent" in panel.lower(), f"live preview: {panel[:200]!r}")
        check_page(driver, "new draft with preview")
        screenshot(driver, "draft")
        driver.find_element(By.XPATH, "//button[normalize-space()='Save draft']").click()
        wait.until(EC.url_matches(r"/editor/drafts/ed-"))
        draft_url = driver.current_url
        check_hostile_preview(driver, wait)
        driver.get(draft_url)
        driver.find_element(By.LINK_TEXT, "History and review").click()
        step(driver, wait, "Submit for review", "submit")
        sign_out(driver, wait)

        # Rita rejects it with a comment.
        sign_in(driver, wait, "rita")
        open_from_dashboard(driver, wait, TITLE)
        step(driver, wait, "Reject", "reject", {"reject-comment": "Say when to see a GP."})
        expect("Say when to see a GP." in driver.page_source, "reject: the comment is not shown")
        sign_out(driver, wait)

        # Wendy fixes it and submits again.
        sign_in(driver, wait, "wendy")
        open_from_dashboard(driver, wait, TITLE)
        expect(driver.current_url == draft_url, f"my drafts: {driver.current_url}")
        driver.find_element(By.ID, "body").send_keys(FIX)
        driver.find_element(By.XPATH, "//button[normalize-space()='Save draft']").click()
        wait.until(EC.presence_of_element_located((By.LINK_TEXT, "History and review")))
        driver.find_element(By.LINK_TEXT, "History and review").click()
        step(driver, wait, "Submit for review", "resubmit")
        driver.get(BASE + "/editor/backlog")
        check_page(driver, "backlog")
        sign_out(driver, wait)

        # Rita approves.
        sign_in(driver, wait, "rita")
        open_from_dashboard(driver, wait, TITLE)
        step(driver, wait, "Approve", "approve")
        driver.find_element(By.PARTIAL_LINK_TEXT, "Compare the last two").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "table.diff")))
        check_page(driver, "diff")
        sign_out(driver, wait)

        # Ed publishes.
        sign_in(driver, wait, "ed")
        open_from_dashboard(driver, wait, TITLE)
        step(driver, wait, "Publish", "publish")
        check_page(driver, "history after publish")
        screenshot(driver, "history")
        driver.find_element(By.LINK_TEXT, "the public page").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "article h1")))
        reviewed = driver.find_element(By.CSS_SELECTOR, "p.reviewed").text
        expect(reviewed.startswith("Reviewed by rita on") and "Next review due" in reviewed, f"public page: {reviewed!r}")
        expect("See a GP if your sore throat lasts more than a week." in driver.page_source, "public page: not the approved text")
        data = json.loads(driver.find_element(By.CSS_SELECTOR, "script[type='application/ld+json']").get_attribute("innerHTML"))
        expect(data.get("reviewedBy", {}).get("name") == "rita", f"JSON-LD reviewedBy: {data.get('reviewedBy')}")
        expect(len(data.get("lastReviewed", "")) == 10, f"JSON-LD lastReviewed: {data.get('lastReviewed')}")

        # Ada adds an API token for wendy: shown once; then the audit log.
        driver.get(BASE + "/editor")
        sign_out(driver, wait)
        sign_in(driver, wait, "ada")
        driver.get(BASE + "/editor/tokens")
        check_page(driver, "tokens")
        driver.find_element(By.ID, "token-name").send_keys("clinic-site")
        Select(driver.find_element(By.ID, "token-owner")).select_by_value("wendy")
        driver.find_element(By.NAME, "scope-write").click()
        driver.find_element(By.XPATH, "//button[normalize-space()='Add the token']").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "code.token")))
        secret = driver.find_element(By.CSS_SELECTOR, "code.token").text
        expect(secret.startswith("sana_") and len(secret) == 48, f"token shown: {secret!r}")
        check_page(driver, "token added")
        screenshot(driver, "tokens")
        driver.get(BASE + "/editor/audit")
        expect("token.add" in driver.page_source, "audit log: no token.add")
        check_page(driver, "audit log")
    finally:
        driver.quit()
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(json.dumps({"status": "ok", "screenshots": sorted(f for f in os.listdir(SHOTS) if f.startswith("editor-"))}))


if __name__ == "__main__":
    main()
