/*
 * Copyright (c) 2026 The spoolfix authors.
 *
 * Permission to use, copy, modify, and distribute this software for any
 * purpose with or without fee is hereby granted, provided that the above
 * copyright notice and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES.
 */

/*
 * The audit's HTML report: one self-contained page (inline style and
 * script, no fonts, images or requests) with the fleet's totals, a chart
 * of hosts affected per rule, a host table that sorts and filters, each
 * host's findings, and a card per rule that fired (title, rationale,
 * references, proposed fix) that the findings link to.
 *
 * Hosts stream through: each host's rows go to a temporary file as the
 * audit writes the host, so memory does not grow with the fleet (the
 * file does, by about a kilobyte a host).  The totals, the chart and the
 * rule cards, known only at the end, are written before the rows when
 * the page is assembled.  A host lists at most HTML_HOST_FINDINGS
 * findings and says how many more the JSON Lines hold: a page is for
 * people, and a broken machine with thousands of findings would bury
 * the rest of the fleet.
 *
 * Every text from a host or a rule file is shown in the escaped display
 * form of text output (SF_ESC_TEXT: controls, NULs and unpaired
 * surrogates made visible), then entity-escaped, so no name becomes
 * markup.  The page's Content-Security-Policy allows only its own style
 * and script (by the run's nonce) and no requests at all: were a name
 * ever to slip through, the browser would still neither run nor fetch
 * it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "html.h"

struct html {
	char	*path;
	FILE	*out;		/* the page */
	FILE	*rows;		/* host rows, until the end */
	size_t	 nhosts;
	size_t	 listed;	/* findings of this host so far */
	size_t	 more;		/* and those left out */
	int	 row;		/* the host's second row is open */
	int	 list;		/* and its list of findings */
};

/* Text in the display form, entity-escaped (for text and attributes). */
static void
esc_html(FILE *f, const char *disp)
{
	const char *p;

	for (p = disp; *p != '\0'; p++)
		switch (*p) {
		case '&':	fputs("&amp;", f); break;
		case '<':	fputs("&lt;", f); break;
		case '>':	fputs("&gt;", f); break;
		case '"':	fputs("&quot;", f); break;
		case '\'':	fputs("&#39;", f); break;
		default:	fputc(*p, f); break;
		}
}

/* UTF-8 text from a hive, a rule file or the command line. */
static void
put_text(FILE *f, const char *s)
{
	char *e;

	if (s == NULL)
		return;
	e = sf_escape_utf8(s, SF_ESC_TEXT);
	esc_html(f, or_lost(e));	/* never the raw text */
	free(e);
}

static void
put_name(FILE *f, sf_name n)
{
	char *e = sf_escape_name(n, SF_ESC_TEXT);

	esc_html(f, or_lost(e));
	free(e);
}

static void
put_owned(FILE *f, char *disp)
{
	esc_html(f, or_lost(disp));
	free(disp);
}

static const char *
temp_dir(void)
{
	const char *d = getenv("TMPDIR");

	return d != NULL && d[0] != '\0' ? d : "/tmp";
}

/*
 * The host rows' file, unlinked at once so that nothing is left behind
 * however the audit ends.  Not tmpfile(): glibc's ignores TMPDIR, and a
 * large fleet may need the space TMPDIR points to.
 */
static FILE *
temp_file(void)
{
	char	*p;
	FILE	*f = NULL;
	int	 fd, e;

	if ((p = malloc(strlen(temp_dir()) + 32)) == NULL)
		return NULL;
	sprintf(p, "%s/spoolfix-html.XXXXXX", temp_dir());
	if ((fd = mkstemp(p)) != -1) {
		unlink(p);
		if ((f = fdopen(fd, "w+")) == NULL) {
			e = errno;
			close(fd);
			errno = e;
		}
	}
	free(p);
	return f;
}

struct html *
html_new(const char *path)
{
	struct html *h;

	if ((h = calloc(1, sizeof(*h))) == NULL ||
	    (h->path = strdup(path)) == NULL) {
		warnx_("out of memory");
		free(h);
		return NULL;
	}
	if ((h->out = fopen(path, "w")) == NULL) {
		if (errno == ENOMEM)
			warnx_("out of memory");
		else
			warnx_("cannot create the HTML report %s: %s", path,
			    strerror(errno));
		html_free(h);
		return NULL;
	}
	if ((h->rows = temp_file()) == NULL) {
		if (errno == ENOMEM)
			warnx_("out of memory");
		else
			warnx_("cannot create a temporary file for the HTML "
			    "report in %s (%s): set TMPDIR to a writable "
			    "folder", temp_dir(), strerror(errno));
		html_free(h);
		return NULL;
	}
	return h;
}

void
html_free(struct html *h)
{
	if (h == NULL)
		return;
	if (h->out != NULL)
		fclose(h->out);
	if (h->rows != NULL)
		fclose(h->rows);
	free(h->path);
	free(h);
}

/*
 * A host is a tbody of its own: its summary row, and a row with its
 * findings or the reason it could not be read.  Sorting moves tbodies,
 * so a host's rows stay together.
 */
void
html_host(struct html *h, const struct html_host *x)
{
	FILE	*f = h->rows;
	size_t	 i, n;

	h->listed = h->more = 0;
	h->row = h->list = 0;
	fprintf(f, "<tbody data-i=\"%zu\" data-status=\"%s\" class=\"%s\">"
	    "<tr><th scope=\"row\" data-v=\"", h->nhosts++, x->status,
	    x->status);
	put_text(f, x->label);
	fputs("\">", f);
	put_text(f, x->label);
	fprintf(f, "</th><td><span class=\"st %s\">%s</span></td>"
	    "<td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
	    "<td class=\"n\">%zu</td><td class=\"n\">%.3f</td><td>", x->status,
	    x->status, x->tally[SF_SEV_ERROR], x->tally[SF_SEV_WARNING],
	    x->tally[SF_SEV_INFO], x->secs);
	put_text(f, x->folder);
	fputs("</td></tr>\n", f);
	n = x->tally[0] + x->tally[1] + x->tally[2];
	if (x->reason == NULL && x->nmissing == 0 && n == 0) {
		fputs("</tbody>\n", f);
		return;
	}
	h->row = 1;
	fputs("<tr class=\"d\"><td colspan=\"7\">", f);
	if (x->reason != NULL) {
		fputs("<p class=\"why\"><b>Not read:</b> ", f);
		put_text(f, x->reason);
		if (x->advice != NULL && x->advice[0] != '\0') {
			fputs("<br><b>What to do:</b> ", f);
			put_text(f, x->advice);
		}
		fputs("</p>", f);
	}
	if (x->nmissing > 0) {
		fputs("<p class=\"why\"><b>Missing hives:</b> ", f);
		for (i = 0; i < x->nmissing; i++) {
			fputs(i > 0 ? ", " : "", f);
			put_text(f, x->missing[i]);
		}
		fputs(" (the rules that read them were not checked)</p>", f);
	}
	/* Folded: a page of thousands of hosts lays out and sorts in a
	 * moment only when their findings are not all shown; the script
	 * unfolds them for a small fleet. */
	if (n > 0) {
		h->list = 1;
		fprintf(f, "<details><summary>%zu finding%s</summary>"
		    "<ul class=\"fl\">", n, n == 1 ? "" : "s");
	}
}

void
html_finding(struct html *h, const sf_finding *x, const char *change)
{
	FILE		*f = h->rows;
	const sf_rule	*r = sf_finding_rule(x);
	const char	*sev = sf_severity_name(sf_finding_severity(x));

	if (!h->list)
		return;		/* none counted: none to list */
	if (h->listed >= HTML_HOST_FINDINGS) {
		h->more++;
		return;
	}
	h->listed++;
	fprintf(f, "<li class=\"%s\"><span class=\"sev %s\">%s</span> ", sev,
	    sev, sev);
	if (change != NULL)
		fprintf(f, "<span class=\"chg\">%s</span> ", change);
	fputs("<a href=\"#rule-", f);
	put_text(f, sf_rule_id(r));
	fputs("\">", f);
	put_text(f, sf_rule_id(r));
	fputs("</a> ", f);
	put_text(f, sf_rule_title(r));
	fputs("<div class=\"msg\">", f);
	put_text(f, sf_finding_message(x));
	fputs("</div><div class=\"key\">", f);
	put_owned(f, sf_finding_path_string(x, 0, SF_ESC_TEXT));
	if (sf_finding_has_value(x)) {
		fputs(" <span class=\"val\">value \"", f);
		put_name(f, sf_finding_value(x));
		fputs("\"</span>", f);
	}
	fputs("</div>", f);
	if (sf_finding_fix(x) != SF_FIX_NONE)
		fprintf(f, "<div class=\"fix\">proposed fix: %s%s</div>",
		    sf_fix_kind_name(sf_finding_fix(x)),
		    sf_finding_fix_optional(x) ? " (optional: applied only "
		    "with repair --rule)" : "");
	fputs("</li>", f);
}

void
html_host_end(struct html *h)
{
	if (!h->row)
		return;
	if (h->list) {
		fputs("</ul>", h->rows);
		if (h->more > 0)
			fprintf(h->rows, "<p class=\"more\">%zu more "
			    "finding%s: see the JSON Lines (--jsonl) or scan "
			    "this host</p>", h->more, h->more == 1 ? "" : "s");
		fputs("</details>", h->rows);
	}
	fputs("</td></tr></tbody>\n", h->rows);
}

static const char style[] =
    "body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2430;"
    "background:#f4f6f9}\n"
    "header{background:#1f3a5f;color:#fff;padding:14px 24px}\n"
    "header h1{margin:0;font-size:20px}header p{margin:4px 0 0;"
    "opacity:.85;font-size:12px}\n"
    "main{padding:16px 24px;max-width:1200px}\n"
    "section{background:#fff;border:1px solid #d8dee8;border-radius:6px;"
    "padding:12px 16px;margin:0 0 16px}\n"
    "h2{font-size:16px;margin:0 0 10px}h3{font-size:14px;margin:0 0 6px}\n"
    ".totals{display:flex;flex-wrap:wrap;gap:10px;margin:0}\n"
    ".totals div{border:1px solid #d8dee8;border-radius:6px;"
    "padding:6px 12px;min-width:96px}\n"
    ".totals dt{font-size:12px;color:#5a6577}.totals dd{margin:0;"
    "font-size:22px;font-weight:600}\n"
    ".e{color:#b3261e}.w{color:#9a6700}.i{color:#2f6fb0}\n"
    "svg text{font:12px system-ui,sans-serif;fill:#1d2430}\n"
    "svg rect.bar{fill:#2f6fb0}svg rect.bar.error{fill:#c0392b}"
    "svg rect.bar.warning{fill:#d4a017}\n"
    "table{border-collapse:collapse;width:100%;table-layout:fixed}\n"
    "col.h{width:24%}col.s{width:9%}col.c{width:7%}col.t{width:8%}\n"
    "thead th{text-align:left;border-bottom:2px solid #d8dee8;"
    "padding:0}\n"
    "thead button{all:unset;cursor:pointer;display:block;"
    "padding:6px 8px;font-weight:600}\n"
    "thead button:focus-visible{outline:2px solid #2f6fb0}\n"
    "th[aria-sort=ascending] button::after{content:' \\25B2'}"
    "th[aria-sort=descending] button::after{content:' \\25BC'}\n"
    "tbody th,tbody td{padding:4px 8px;border-bottom:1px solid #eef1f5;"
    "text-align:left;vertical-align:top;overflow-wrap:anywhere}\n"
    "tbody th{font-weight:600}td.n{text-align:right;"
    "font-variant-numeric:tabular-nums}\n"
    "tr.d td{background:#fafbfc;font-size:13px}\n"
    "summary{cursor:pointer;color:#2f6fb0}\n"
    ".st{border-radius:3px;padding:0 6px;font-size:12px;white-space:nowrap}"
    ".st.clean{background:#dff3e4}.st.findings{background:#fde7c8}"
    ".st.unreadable{background:#f6d3d0}\n"
    ".sev{font-size:11px;font-weight:700;text-transform:uppercase}"
    ".sev.error{color:#b3261e}.sev.warning{color:#9a6700}"
    ".sev.info{color:#2f6fb0}\n"
    ".fl{margin:2px 0;padding-left:18px}.fl li{margin:0 0 6px}\n"
    ".msg{color:#333}.key{font-family:ui-monospace,monospace;"
    "font-size:12px;color:#445}.fix{font-size:12px;color:#1b6b35}\n"
    ".chg{font-size:11px;background:#e8eefc;border-radius:3px;"
    "padding:0 4px}\n"
    ".why{margin:2px 0 6px}.more{font-style:italic}\n"
    ".tools{display:flex;gap:12px;align-items:center;margin:0 0 8px}\n"
    ".tools input{padding:4px 6px;min-width:260px}\n"
    ".rule{border-top:1px solid #eef1f5;padding:8px 0}"
    ".rule:target{background:#fff8d6}\n"
    ".rule p{margin:2px 0}.refs{margin:2px 0;padding-left:18px;"
    "font-size:12px}\n";

/*
 * Sorting moves each host's tbody (numbers compare as numbers, names
 * by code unit, ties keep the audit's order); filtering hides the
 * tbodies whose status or text does not match.
 */
static const char script[] =
    "(function () {\n"
    "'use strict';\n"
    "var t = document.getElementById('hosts');\n"
    "var q = document.getElementById('filter');\n"
    "var s = document.getElementById('status');\n"
    "var shown = document.getElementById('shown');\n"
    "var heads = t.tHead.rows[0].cells;\n"
    "function val(tb, col) {\n"
    "  var c = tb.rows[0].cells[col];\n"
    "  return c.hasAttribute('data-v') ? c.getAttribute('data-v') :"
    " c.textContent;\n"
    "}\n"
    "Array.prototype.forEach.call(heads, function (th, col) {\n"
    "  th.querySelector('button').addEventListener('click', function () {\n"
    "    var num = th.getAttribute('data-type') === 'num';\n"
    "    var up = th.getAttribute('aria-sort') !== 'ascending';\n"
    "    Array.prototype.forEach.call(heads, function (h) {\n"
    "      h.removeAttribute('aria-sort');\n"
    "    });\n"
    "    th.setAttribute('aria-sort', up ? 'ascending' : 'descending');\n"
    "    var b = Array.prototype.slice.call(t.tBodies);\n"
    "    b.sort(function (x, y) {\n"
    "      var u = val(x, col), v = val(y, col), r;\n"
    "      if (num) r = parseFloat(u) - parseFloat(v);\n"
    "      else r = u < v ? -1 : u > v ? 1 : 0;\n"
    "      if (!up) r = -r;\n"
    "      return r || x.getAttribute('data-i') - y.getAttribute('data-i');\n"
    "    });\n"
    "    var p = t.parentNode, nx = t.nextSibling;\n"
    "    p.removeChild(t);\n"
    "    b.forEach(function (tb) { t.appendChild(tb); });\n"
    "    p.insertBefore(t, nx);\n"
    "  });\n"
    "});\n"
    "var text = new Map();\n"
    "Array.prototype.forEach.call(t.tBodies, function (tb) {\n"
    "  text.set(tb, tb.textContent.toLowerCase());\n"
    "});\n"
    "if (t.tBodies.length <= 50)\n"
    "  t.querySelectorAll('details').forEach(function (d) {\n"
    "    d.open = true;\n"
    "  });\n"
    "function apply() {\n"
    "  var w = q.value.toLowerCase(), st = s.value, n = 0;\n"
    "  Array.prototype.forEach.call(t.tBodies, function (tb) {\n"
    "    var ok = (st === '' || tb.getAttribute('data-status') === st) &&\n"
    "        (w === '' || text.get(tb).indexOf(w) >= 0);\n"
    "    tb.hidden = !ok;\n"
    "    if (ok) n++;\n"
    "  });\n"
    "  shown.textContent = String(n);\n"
    "}\n"
    "q.addEventListener('input', apply);\n"
    "s.addEventListener('change', apply);\n"
    "apply();\n"
    "})();\n";

static void
total(FILE *f, const char *id, const char *label, size_t n, const char *cls)
{
	fprintf(f, "<div><dt>%s</dt><dd id=\"n-%s\"%s%s%s>%zu</dd></div>",
	    label, id, cls != NULL ? " class=\"" : "", cls != NULL ? cls : "",
	    cls != NULL ? "\"" : "", n);
}

struct rank {
	size_t	idx, hosts;
};

static int
cmp_rank(const void *x, const void *y)
{
	const struct rank *p = x, *q = y;

	if (p->hosts != q->hosts)
		return p->hosts < q->hosts ? 1 : -1;
	return p->idx < q->idx ? -1 : p->idx > q->idx;
}

/* The rules that fired, most hosts first; NULL when out of memory. */
static struct rank *
ranked(const struct html_fleet *fl, size_t *k)
{
	struct rank	*r;
	size_t		 i, n = sf_rules_count(fl->rules);

	*k = 0;
	if ((r = calloc(n + 1, sizeof(*r))) == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if (fl->rule_hosts[i] > 0) {
			r[*k].idx = i;
			r[(*k)++].hosts = fl->rule_hosts[i];
		}
	qsort(r, *k, sizeof(*r), cmp_rank);
	return r;
}

/* Hosts affected per rule: a horizontal bar per rule (SVG attributes,
 * which the page's policy allows where inline style would not). */
static void
chart(FILE *f, const struct html_fleet *fl, const struct rank *r, size_t k)
{
	const unsigned	 bar0 = 110, barw = 520, rowh = 22;
	size_t		 i, w;

	fputs("<section id=\"chart\"><h2>Hosts affected per rule</h2>", f);
	if (k == 0) {
		fputs("<p>No rule fired on any host.</p></section>\n", f);
		return;
	}
	fprintf(f, "<svg role=\"img\" aria-label=\"hosts affected per rule\" "
	    "width=\"%u\" height=\"%zu\" viewBox=\"0 0 %u %zu\">", bar0 +
	    barw + 60, k * rowh + 4, bar0 + barw + 60, k * rowh + 4);
	for (i = 0; i < k; i++) {
		const sf_rule *ru = sf_rules_get(fl->rules, r[i].idx);

		w = fl->hosts > 0 ? r[i].hosts * barw / fl->hosts : 0;
		if (w == 0)
			w = 1;
		fputs("<a href=\"#rule-", f);
		put_text(f, sf_rule_id(ru));
		fprintf(f, "\"><g class=\"row\" data-hosts=\"%zu\"><title>",
		    r[i].hosts);
		put_text(f, sf_rule_title(ru));
		fprintf(f, "</title><text x=\"0\" y=\"%zu\">", i * rowh + 16);
		put_text(f, sf_rule_id(ru));
		fprintf(f, "</text><rect class=\"bar %s\" x=\"%u\" y=\"%zu\" "
		    "width=\"%zu\" height=\"%u\"></rect><text x=\"%zu\" "
		    "y=\"%zu\">%zu</text></g></a>",
		    sf_severity_name(sf_rule_severity(ru)), bar0, i * rowh + 3,
		    w, rowh - 6, bar0 + w + 6, i * rowh + 16, r[i].hosts);
	}
	fputs("</svg></section>\n", f);
}

static void
rule_cards(FILE *f, const struct html_fleet *fl, const struct rank *r,
    size_t k)
{
	size_t i, j;

	if (k == 0)
		return;
	fputs("<section id=\"rules\"><h2>Rules that fired</h2>", f);
	for (i = 0; i < k; i++) {
		const sf_rule *ru = sf_rules_get(fl->rules, r[i].idx);

		fputs("<div class=\"rule\" id=\"rule-", f);
		put_text(f, sf_rule_id(ru));
		fputs("\"><h3>", f);
		put_text(f, sf_rule_id(ru));
		fputs(" &mdash; ", f);
		put_text(f, sf_rule_title(ru));
		fprintf(f, "</h3><p><span class=\"sev %s\">%s</span>, on "
		    "<span class=\"hosts\">%zu</span> host%s</p>",
		    sf_severity_name(sf_rule_severity(ru)),
		    sf_severity_name(sf_rule_severity(ru)), r[i].hosts,
		    r[i].hosts == 1 ? "" : "s");
		fputs("<p class=\"rationale\">", f);
		put_text(f, sf_rule_rationale(ru));
		fputs("</p><p class=\"fix\">Proposed fix: ", f);
		put_text(f, sf_rule_fix_text(ru));
		if (sf_rule_fix(ru) != SF_FIX_NONE && sf_rule_fix_optional(ru))
			fputs(" (optional: applied only with repair --rule)",
			    f);
		fputs("</p>", f);
		if (sf_rule_ref_count(ru) > 0) {
			fputs("<ul class=\"refs\">", f);
			for (j = 0; j < sf_rule_ref_count(ru); j++) {
				fputs("<li>", f);
				put_text(f, sf_rule_ref(ru, j));
				fputs("</li>", f);
			}
			fputs("</ul>", f);
		}
		fputs("</div>", f);
	}
	fputs("</section>\n", f);
}

static void
head(FILE *f, const struct html_fleet *fl)
{
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'nonce-%s'; script-src "
	    "'nonce-%s'; img-src 'none'; connect-src 'none'; "
	    "form-action 'none'; base-uri 'none'\">\n"
	    "<title>spoolfix audit %s</title>\n<style nonce=\"%s\">\n%s"
	    "</style>\n</head>\n<body>\n<header><h1>spoolfix audit</h1>"
	    "<p>run <span id=\"run-id\">%s</span> at <time>%s</time>, "
	    "spoolfix %s, rule set %s",
	    fl->run_id, fl->run_id, fl->when, fl->run_id, style, fl->run_id,
	    fl->when, SPOOLFIX_VERSION, fl->ruleset);
	if (fl->min_sev > SF_SEV_INFO)
		fprintf(f, ", findings of severity %s and above",
		    sf_severity_name(fl->min_sev));
	fputs("</p></header>\n<main>\n", f);
}

static void
totals(FILE *f, const struct html_fleet *fl)
{
	fputs("<section id=\"totals\"><h2>Fleet</h2><dl class=\"totals\">", f);
	total(f, "hosts", "hosts scanned", fl->hosts, NULL);
	total(f, "clean", "clean", fl->clean, NULL);
	total(f, "findings", "with findings", fl->with_findings, NULL);
	total(f, "with-errors", "with errors", fl->with_errors, NULL);
	total(f, "unreadable", "unreadable", fl->unreadable, NULL);
	total(f, "error", "errors", fl->tally[SF_SEV_ERROR], "e");
	total(f, "warning", "warnings", fl->tally[SF_SEV_WARNING], "w");
	total(f, "info", "info", fl->tally[SF_SEV_INFO], "i");
	if (fl->baseline) {
		total(f, "new", "new", fl->n_new, NULL);
		total(f, "still", "still present", fl->n_still, NULL);
		total(f, "resolved", "resolved", fl->n_resolved, NULL);
	}
	fputs("</dl></section>\n", f);
}

static void
table_head(FILE *f, size_t nhosts)
{
	static const char *const col[] = { "host", "status", "errors",
	    "warnings", "info", "seconds", "folder" };
	size_t i;

	fprintf(f, "<section id=\"host-list\"><h2>Hosts</h2>"
	    "<div class=\"tools\"><label>Filter <input id=\"filter\" "
	    "type=\"search\" placeholder=\"host, folder, rule, key\"></label>"
	    "<label>Status <select id=\"status\"><option value=\"\">any"
	    "</option><option>clean</option><option>findings</option>"
	    "<option>unreadable</option></select></label>"
	    "<span><span id=\"shown\">%zu</span> of %zu hosts shown</span>"
	    "</div>\n<table id=\"hosts\"><colgroup><col class=\"h\">"
	    "<col class=\"s\"><col class=\"c\"><col class=\"c\">"
	    "<col class=\"c\"><col class=\"t\"><col></colgroup>"
	    "<thead><tr>", nhosts, nhosts);
	for (i = 0; i < sizeof(col) / sizeof(col[0]); i++)
		fprintf(f, "<th scope=\"col\"%s><button type=\"button\">%s"
		    "</button></th>", i >= 2 && i <= 5 ?
		    " data-type=\"num\"" : "", col[i]);
	fputs("</tr></thead>\n", f);
}

/* Appends the host rows kept in the temporary file. */
static int
copy_rows(struct html *h)
{
	char	buf[65536];
	size_t	n;

	if (fflush(h->rows) == EOF || ferror(h->rows) ||
	    fseek(h->rows, 0, SEEK_SET) == -1)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), h->rows)) > 0)
		if (fwrite(buf, 1, n, h->out) != n)
			return -1;
	return ferror(h->rows) ? -1 : 0;
}

int
html_close(struct html *h, const struct html_fleet *fl)
{
	struct rank	*r;
	size_t		 k;
	int		 rc = 0;
	FILE		*f = h->out;

	if ((r = ranked(fl, &k)) == NULL) {
		warnx_("out of memory");
		html_free(h);
		return -1;
	}
	head(f, fl);
	totals(f, fl);
	chart(f, fl, r, k);
	table_head(f, h->nhosts);
	if (copy_rows(h) == -1)
		rc = -1;
	fputs("</table></section>\n", f);
	rule_cards(f, fl, r, k);
	fprintf(f, "</main>\n<script nonce=\"%s\">\n%s</script>\n"
	    "</body>\n</html>\n", fl->run_id, script);
	free(r);
	if (rc == -1)
		warnx_("cannot write the HTML report %s: the temporary file "
		    "of host rows in %s could not be written or read back "
		    "(is that folder full? set TMPDIR to another)", h->path,
		    temp_dir());
	else if (ferror(f) || fflush(f) == EOF) {
		warnx_("cannot write the HTML report %s", h->path);
		rc = -1;
	}
	if (fclose(f) == EOF && rc == 0) {
		warnx_("cannot write the HTML report %s", h->path);
		rc = -1;
	}
	h->out = NULL;
	html_free(h);
	return rc;
}
