#!/usr/bin/env python3
# Drives spoolfix's audit HTML report in Debian's headless chromium and
# checks it against the JSON Lines of the same run.  One line per check:
# "PASS what" or "FAIL what: detail" (tests/html.sh turns them into
# TAP).  A check that cannot run (no browser) exits 77.
#
#   html_check.py REPORT.html RUN.jsonl SCREENSHOT.png FILTER-WORD
import json
import os
import sys
import tempfile

page, jsonl, shot, word = sys.argv[1:5]

try:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
except ImportError as e:
    print("SKIP python3-selenium is missing (%s)" % e)
    sys.exit(77)

failed = 0


def check(what, cond, detail=""):
    global failed
    if cond:
        print("PASS " + what)
    else:
        failed += 1
        print("FAIL %s: %s" % (what, str(detail)[:600].replace("\n", " ")))


recs = [json.loads(line) for line in open(jsonl, encoding="ascii")]
hosts = [r for r in recs if r["type"] == "host"]
finds = [r for r in recs if r["type"] == "finding" and r.get("change") != "resolved"]
want = {
    "hosts": len(hosts),
    "clean": sum(h["status"] == "clean" for h in hosts),
    "findings": sum(h["error"] + h["warning"] + h["info"] > 0 for h in hosts),
    "with-errors": sum(h["error"] > 0 for h in hosts),
    "unreadable": sum(h["status"] == "unreadable" for h in hosts),
    "error": sum(f["severity"] == "error" for f in finds),
    "warning": sum(f["severity"] == "warning" for f in finds),
    "info": sum(f["severity"] == "info" for f in finds),
}
per_rule = {}
for f in finds:
    per_rule.setdefault(f["rule"], set()).add(f["host"])

opts = Options()
opts.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
profile = tempfile.mkdtemp(prefix="spoolfix-chromium.")
for a in ("--headless=new", "--no-sandbox", "--disable-gpu",
          "--disable-dev-shm-usage", "--window-size=1280,1600",
          "--no-first-run", "--disable-extensions",
          "--user-data-dir=" + profile):
    opts.add_argument(a)
opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
try:
    drv = webdriver.Chrome(service=Service(os.environ.get(
        "CHROMEDRIVER", "/usr/bin/chromedriver")), options=opts)
except Exception as e:  # no browser to drive: say why
    print("SKIP chromium could not be started (%s)" % str(e).splitlines()[0])
    sys.exit(77)

try:
    url = "file://" + os.path.abspath(page)
    drv.get("about:blank")
    drv.get_log("performance")  # the browser's own start page, not ours
    drv.get(url)
    js = drv.execute_script

    # Loads without console errors (a blocked script or style, which the
    # page's policy would report, is one).
    logs = drv.get_log("browser")
    bad = [l for l in logs if l["level"] in ("SEVERE", "WARNING")]
    check("the page loads without console errors or warnings", not bad, bad)
    check("the script ran (the host count filled in)",
          drv.find_element(By.ID, "shown").text == str(len(hosts)),
          drv.find_element(By.ID, "shown").text)

    # The totals shown equal the JSON Lines of the same run.
    shown = {k: drv.find_element(By.ID, "n-" + k).text for k in want}
    check("fleet totals equal the JSON Lines counts %s" % want,
          shown == {k: str(v) for k, v in want.items()}, shown)

    # One tbody per host record, in the same order, with its counts.
    rows = js("""return Array.from(document.querySelectorAll('#hosts tbody'))
        .map(function (b) { var c = b.rows[0].cells;
        return [b.getAttribute('data-status'), c[2].textContent,
        c[3].textContent, c[4].textContent]; });""")
    exp = [[h["status"], str(h["error"]), str(h["warning"]), str(h["info"])]
           for h in hosts]
    check("the host table has each host once, with its JSON counts",
          rows == exp, [rows[:3], exp[:3]])

    # The chart: one bar per rule that fired, with the hosts it hit.
    bars = js("""return Array.from(document.querySelectorAll('#chart g.row'))
        .map(function (g) { return [g.querySelector('text').textContent,
        g.getAttribute('data-hosts')]; });""")
    check("the chart has a bar per rule with the hosts affected",
          sorted(bars) == sorted([k, str(len(v))] for k, v in per_rule.items())
          and len(bars) > 0, [bars, per_rule.keys()])
    widths = js("""return Array.from(document.querySelectorAll('#chart rect'))
        .map(function (r) { return r.getBoundingClientRect().width; });""")
    check("the bars are drawn, longest first", widths and all(w > 0 for w in widths)
          and widths == sorted(widths, reverse=True), widths)

    # Each finding links to its rule's title, rationale, references and fix.
    card = js("""var a = document.querySelector('#hosts .fl li a');
        var c = document.getElementById(a.getAttribute('href').slice(1));
        return c ? [c.querySelector('h3').textContent,
        c.querySelector('.rationale').textContent,
        c.querySelectorAll('.refs li').length,
        c.querySelector('.fix').textContent] : null;""")
    check("a finding links to its rule's title, rationale, references and fix",
          card is not None and len(card[0]) > 8 and len(card[1]) > 20
          and card[2] > 0 and card[3].startswith("Proposed fix: "), card)

    def column(i):
        return js("""return Array.from(document.querySelectorAll('#hosts tbody'))
            .map(function (b) { return b.rows[0].cells[%d].textContent; });""" % i)

    heads = drv.find_elements(By.CSS_SELECTOR, "#hosts thead button")
    before = column(2)
    heads[2].click()
    up = [int(x) for x in column(2)]
    heads[2].click()
    down = [int(x) for x in column(2)]
    check("sorting by errors orders the rows up, then down",
          up == sorted(up) and down == sorted(down, reverse=True)
          and [int(x) for x in before] != up and up != down, [before, up, down])
    heads[0].click()
    names = column(0)
    check("sorting by host orders the names",
          names == sorted(names, key=lambda s: s.encode("utf-16-be")), names)
    heads[5].click()
    secs = [float(x) for x in column(5)]
    check("sorting by seconds orders them as numbers", secs == sorted(secs), secs)

    # Filtering hides the rows that do not match.
    box = drv.find_element(By.ID, "filter")
    box.send_keys(word)
    vis = js("""return Array.from(document.querySelectorAll('#hosts tbody'))
        .filter(function (b) { return !b.hidden; })
        .map(function (b) { return b.textContent; });""")
    check("filtering by '%s' shows only the hosts that match" % word,
          len(vis) >= 1 and len(vis) < len(hosts) and all(word.lower() in v.lower() for v in vis)
          and drv.find_element(By.ID, "shown").text == str(len(vis)), len(vis))
    box.clear()
    box.send_keys(" ")
    box.send_keys("\b")
    Select(drv.find_element(By.ID, "status")).select_by_visible_text("unreadable")
    vis = js("""return Array.from(document.querySelectorAll('#hosts tbody'))
        .filter(function (b) { return !b.hidden; })
        .map(function (b) { return b.getAttribute('data-status'); });""")
    check("filtering by status shows the unreadable hosts only",
          vis == ["unreadable"] * want["unreadable"] and len(vis) > 0, vis)
    Select(drv.find_element(By.ID, "status")).select_by_visible_text("any")

    # Hostile names are text: no element, attribute or script of theirs.
    inj = js("""return [document.scripts.length,
        document.querySelectorAll('img,iframe,object,embed,svg script,b[x],i[x]').length,
        window.spoolfixPwned === undefined,
        Array.from(document.querySelectorAll('#hosts tbody th'))
        .map(function (t) { return t.textContent; })];""")
    hostile = [n for n in inj[3] if "<script>" in n]
    check("hostile host names show as text, no element injected",
          inj[0] == 1 and inj[1] == 0 and inj[2] and len(hostile) == 2
          and all("\\0" in n or "\\x1b" in n for n in hostile), inj)

    # No request but the page itself.
    reqs = []
    for e in drv.get_log("performance"):
        m = json.loads(e["message"])["message"]
        # Requests of the page (its documentURL), whatever their scheme.
        if (m["method"] == "Network.requestWillBeSent"
                and m["params"].get("documentURL") == url):
            reqs.append(m["params"]["request"]["url"])
    res = js("return performance.getEntriesByType('resource').length;")
    check("no network request: only the page itself was loaded",
          reqs == [url] and res == 0, [reqs, res])

    drv.refresh()  # as a reader first sees it: unsorted, unfiltered
    check("a screenshot was written to " + shot,
          drv.save_screenshot(shot) and os.path.getsize(shot) > 10000, shot)
finally:
    drv.quit()
sys.exit(1 if failed else 0)
