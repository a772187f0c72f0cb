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
 * The sets spoolfix audit keeps across hosts: the host names given so
 * far, and the findings of a baseline audit.  Both are hash tables of
 * strings (open addressing, doubled when half full).
 *
 * A baseline finding is identified by its host, rule, key and value as
 * the JSON Lines of an audit write them (ASCII, every other character a
 * \u escape), so this run's findings are compared in the same escaped
 * form and no JSON text is ever turned back into raw names except for
 * the CSV of a resolved finding.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "audit.h"

struct entry {
	char	*key;		/* NULL: free slot */
	int	 flag;		/* names: readable; baseline: 0 old, 1 still */
	/* baseline only: the fields of the old record, JSON-escaped */
	char	*host, *rule, *severity, *path, *value;
};

struct table {
	struct entry	*e;
	size_t		 cap, n;
};

static uint64_t
hash(const char *s)
{
	uint64_t h = 14695981039346656037u;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211u;
	}
	return h;
}

static struct entry *
slot(struct table *t, const char *key)
{
	size_t i = (size_t)(hash(key) & (t->cap - 1));

	while (t->e[i].key != NULL && strcmp(t->e[i].key, key) != 0)
		i = (i + 1) & (t->cap - 1);
	return &t->e[i];
}

static struct entry *
find(struct table *t, const char *key)
{
	struct entry *e;

	if (t->cap == 0)
		return NULL;
	e = slot(t, key);
	return e->key != NULL ? e : NULL;
}

/* Inserts an entry (its key owned from now on); NULL out of memory. */
static struct entry *
insert(struct table *t, struct entry *add)
{
	struct entry	*old = t->e, *e;
	size_t		 oldcap = t->cap, i;

	if (2 * (t->n + 1) > t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		if ((t->e = calloc(t->cap, sizeof(*t->e))) == NULL) {
			t->e = old;
			t->cap = oldcap;
			return NULL;
		}
		for (i = 0; i < oldcap; i++)
			if (old[i].key != NULL)
				*slot(t, old[i].key) = old[i];
		free(old);
	}
	e = slot(t, add->key);
	*e = *add;
	t->n++;
	return e;
}

static void
table_free(struct table *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++) {
		free(t->e[i].key);
		free(t->e[i].host);
		free(t->e[i].rule);
		free(t->e[i].severity);
		free(t->e[i].path);
		free(t->e[i].value);
	}
	free(t->e);
}

/* ------------------------------------------------------------------ */
/* Host names                                                          */
/* ------------------------------------------------------------------ */

/*
 * The names given so far, as 64-bit hashes: a fleet of 100,000 hosts
 * costs 16 bytes a host, not a copy of each name.  Two names of one
 * hash (about one chance in 10^9 for 100,000 hosts) would only make the
 * second host's name longer than it needs to be.
 */
struct nameset {
	uint64_t	*h;		/* 0: free slot */
	size_t		 cap, n;
};

struct nameset *
nameset_new(void)
{
	return calloc(1, sizeof(struct nameset));
}

void
nameset_free(struct nameset *s)
{
	if (s == NULL)
		return;
	free(s->h);
	free(s);
}

static uint64_t *
hslot(uint64_t *t, size_t cap, uint64_t h)
{
	size_t i = (size_t)(h & (cap - 1));

	while (t[i] != 0 && t[i] != h)
		i = (i + 1) & (cap - 1);
	return &t[i];
}

static uint64_t
name_hash(const char *s)
{
	uint64_t h = hash(s);

	return h != 0 ? h : 1;
}

static int
taken(const struct nameset *s, const char *name)
{
	return s->cap > 0 && *hslot(s->h, s->cap, name_hash(name)) != 0;
}

static int
take(struct nameset *s, const char *name)
{
	uint64_t	*t;
	size_t		 i, cap;

	if (2 * (s->n + 1) > s->cap) {
		cap = s->cap ? s->cap * 2 : 1024;
		if ((t = calloc(cap, sizeof(*t))) == NULL)
			return -1;
		for (i = 0; i < s->cap; i++)
			if (s->h[i] != 0)
				*hslot(t, cap, s->h[i]) = s->h[i];
		free(s->h);
		s->h = t;
		s->cap = cap;
	}
	*hslot(s->h, s->cap, name_hash(name)) = name_hash(name);
	s->n++;
	return 0;
}

char *
nameset_unique(struct nameset *s, const char *name, const char *folder)
{
	char		*try;
	size_t		 len = strlen(name) + strlen(folder) + 32;
	unsigned	 n;

	if ((try = malloc(len)) == NULL)
		return NULL;
	snprintf(try, len, "%s", name);
	if (taken(s, try))
		snprintf(try, len, "%s (%s)", name, folder);
	for (n = 2; taken(s, try); n++)
		snprintf(try, len, "%s (%s) #%u", name, folder, n);
	if (take(s, try) == -1) {
		free(try);
		return NULL;
	}
	return try;
}

/* ------------------------------------------------------------------ */
/* The baseline                                                        */
/* ------------------------------------------------------------------ */

struct baseline {
	struct table	 t;
	struct table	 hosts;	/* this run's, JSON-escaped: flag readable */
	pthread_mutex_t	 lock;
	size_t		 n_new, n_still;
	int		 lost;	/* a finding could not be marked */
};

/* "host\037rule\037key\037value", value "\036" when there is none. */
static char *
finding_key(const char *host, const char *rule, const char *path,
    const char *value)
{
	size_t	 len = strlen(host) + strlen(rule) + strlen(path) +
	    (value != NULL ? strlen(value) : 1) + 4;
	char	*k;

	if ((k = malloc(len)) == NULL)
		return NULL;
	snprintf(k, len, "%s\037%s\037%s\037%s", host, rule, path,
	    value != NULL ? value : "\036");
	return k;
}

/*
 * The JSON-escaped text of a top-level string field of one of our own
 * records, or NULL (also for null).  Our strings hold no raw quote, so
 * ,"name":" can only be the field itself.
 */
static char *
field(const char *line, const char *name, int *oom)
{
	char		 pat[32];
	const char	*p, *q;
	char		*v;

	snprintf(pat, sizeof(pat), ",\"%s\":\"", name);
	if ((p = strstr(line, pat)) == NULL)
		return NULL;
	p += strlen(pat);
	for (q = p; *q != '\0' && *q != '"'; q++)
		if (*q == '\\' && q[1] != '\0')
			q++;
	if (*q != '"')
		return NULL;
	if ((v = strndup(p, (size_t)(q - p))) == NULL)
		*oom = 1;
	return v;
}

struct baseline *
baseline_load(const char *path)
{
	struct baseline	*b;
	struct entry	 add;
	FILE		*f;
	char		*line = NULL;
	size_t		 cap = 0, lineno = 0;
	ssize_t		 len;
	int		 oom = 0;

	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOMEM)
			warnx_("out of memory");
		else
			warnx_("cannot open the baseline %s: %s", path,
			    strerror(errno));
		return NULL;
	}
	if ((b = calloc(1, sizeof(*b))) == NULL) {
		fclose(f);
		warnx_("out of memory");
		return NULL;
	}
	pthread_mutex_init(&b->lock, NULL);
	/*
	 * A finding the baseline lost for want of memory would come back
	 * as "new" on every host that still has it: out of memory ends
	 * the audit instead, as it ends reading the baseline here.
	 */
	while (!oom) {
		errno = 0;
		if ((len = getline(&line, &cap, f)) == -1) {
			oom = errno == ENOMEM;
			break;
		}
		lineno++;
		if (strncmp(line, "{\"type\":\"finding\"", 17) != 0 ||
		    strstr(line, ",\"change\":\"resolved\"") != NULL)
			continue;
		memset(&add, 0, sizeof(add));
		add.host = field(line, "host", &oom);
		add.rule = field(line, "rule", &oom);
		add.severity = field(line, "severity", &oom);
		add.path = field(line, "key", &oom);
		add.value = field(line, "value", &oom);
		if (oom)
			;	/* freed below; the loop ends */
		else if (add.host == NULL || add.rule == NULL ||
		    add.severity == NULL || add.path == NULL)
			warnx_("%s:%zu: a finding without host, rule, "
			    "severity or key; ignored", path, lineno);
		else if ((add.key = finding_key(add.host, add.rule, add.path,
		    add.value)) == NULL)
			oom = 1;
		else if (find(&b->t, add.key) == NULL) {
			if (insert(&b->t, &add) != NULL)
				continue;	/* the table owns it now */
			oom = 1;
		}
		free(add.key);
		free(add.host);
		free(add.rule);
		free(add.severity);
		free(add.path);
		free(add.value);
	}
	free(line);
	if (oom) {
		warnx_("out of memory");
		fclose(f);
		baseline_free(b);
		return NULL;
	}
	if (ferror(f)) {
		warnx_("cannot read the baseline %s", path);
		fclose(f);
		baseline_free(b);
		return NULL;
	}
	fclose(f);
	return b;
}

void
baseline_free(struct baseline *b)
{
	if (b == NULL)
		return;
	table_free(&b->t);
	table_free(&b->hosts);
	pthread_mutex_destroy(&b->lock);
	free(b);
}

const char *
baseline_mark(struct baseline *b, const char *host, const sf_finding *x)
{
	char		*h, *p, *v = NULL, *r, *k = NULL;
	struct entry	*e;
	const char	*what = "new";

	h = sf_escape_utf8(host, SF_ESC_JSON);
	r = sf_escape_utf8(sf_rule_id(sf_finding_rule(x)), SF_ESC_JSON);
	p = sf_finding_path_string(x, 0, SF_ESC_JSON);
	if (sf_finding_has_value(x))
		v = sf_escape_name(sf_finding_value(x), SF_ESC_JSON);
	if (h != NULL && r != NULL && p != NULL &&
	    (v != NULL || !sf_finding_has_value(x)))
		k = finding_key(h, r, p, v);
	/*
	 * Without its key the finding cannot be looked up: neither "new"
	 * nor "still" would be known.  It gets no mark, the baseline's
	 * finding is not taken for resolved, and the output is noted as
	 * incomplete (the command exits 2 and says so).
	 */
	pthread_mutex_lock(&b->lock);
	if (kept(k) == NULL) {
		b->lost = 1;
		what = NULL;
	} else if ((e = find(&b->t, k)) != NULL) {
		e->flag = 1;
		what = "still";
		b->n_still++;
	} else
		b->n_new++;
	pthread_mutex_unlock(&b->lock);
	free(h);
	free(r);
	free(p);
	free(v);
	free(k);
	return what;
}

void
baseline_host(struct baseline *b, const char *host, int readable)
{
	struct entry add;

	memset(&add, 0, sizeof(add));
	/* A host not noted resolves nothing: the output is incomplete. */
	if (kept(add.key = sf_escape_utf8(host, SF_ESC_JSON)) == NULL)
		return;
	add.flag = readable;
	pthread_mutex_lock(&b->lock);
	if (find(&b->hosts, add.key) != NULL)
		free(add.key);
	else if (kept(insert(&b->hosts, &add)) == NULL)
		free(add.key);
	pthread_mutex_unlock(&b->lock);
}

/* Each '\\'-separated name of u escaped for CSV, joined again. */
static void
sf_buf_csv_path(const uint16_t *u, size_t n, char **out)
{
	size_t	 i, start = 0, len = 0;
	sf_name	 nm;
	char	*seg, *acc = NULL, *t;

	*out = NULL;
	for (i = 0; i <= n; i++) {
		if (i < n && u[i] != '\\')
			continue;
		nm.u = u + start;
		nm.len = i - start;
		if ((seg = sf_escape_name(nm, SF_ESC_CSV)) == NULL ||
		    (t = realloc(acc, len + strlen(seg) + 2)) == NULL) {
			free(seg);
			free(acc);
			return;
		}
		acc = t;
		if (start > 0)
			acc[len++] = '\\';
		memcpy(acc + len, seg, strlen(seg) + 1);
		len += strlen(seg);
		free(seg);
		start = i + 1;
	}
	*out = acc;
}

/*
 * JSON string contents (as we write them) for CSV; with 'path', '\\'
 * separates names, each escaped alone, as sf_finding_path_string does.
 */
static char *
csv_of_json2(const char *s, int path)
{
	uint16_t	*u;
	size_t		 n = 0;
	sf_name		 nm;
	char		*out, hex[5];

	if (s == NULL)
		return NULL;
	if ((u = calloc(strlen(s) + 1, sizeof(*u))) == NULL)
		return NULL;
	while (*s != '\0') {
		if (*s != '\\') {
			u[n++] = (unsigned char)*s++;
			continue;
		}
		s++;
		switch (*s) {
		case 'u':
			if (strlen(s) < 5)
				goto out;
			memcpy(hex, s + 1, 4);
			hex[4] = '\0';
			u[n++] = (uint16_t)strtoul(hex, NULL, 16);
			s += 5;
			continue;
		case 'n': u[n++] = '\n'; break;
		case 'r': u[n++] = '\r'; break;
		case 't': u[n++] = '\t'; break;
		case 'b': u[n++] = '\b'; break;
		case 'f': u[n++] = '\f'; break;
		case '\0': goto out;
		default: u[n++] = (unsigned char)*s; break;
		}
		s++;
	}
out:
	if (path) {
		sf_buf_csv_path(u, n, &out);
		free(u);
		return out;
	}
	nm.u = u;
	nm.len = n;
	out = sf_escape_name(nm, SF_ESC_CSV);
	free(u);
	return out;
}

static char *
csv_of_json(const char *s)
{
	return csv_of_json2(s, 0);
}

size_t
baseline_resolved(struct baseline *b, const struct audit *a, FILE *jl,
    FILE *csv)
{
	size_t		 i, n = 0, k;
	struct entry	*e, *h;
	char		*host;

	for (i = 0; i < b->t.cap; i++) {
		e = &b->t.e[i];
		/* After a lost mark, no finding is known to be gone. */
		if (e->key == NULL || e->flag || b->lost)
			continue;
		/* A host not scanned this time (or unreadable) resolved
		 * nothing: its findings are unknown, not gone. */
		if ((h = find(&b->hosts, e->host)) == NULL || !h->flag)
			continue;
		n++;
		if (jl != NULL) {
			audit_json_run(jl, a, "finding");
			fprintf(jl, ",\"host\":\"%s\",\"rule\":\"%s\","
			    "\"severity\":\"%s\",\"key\":\"%s\",\"value\":",
			    e->host, e->rule, e->severity, e->path);
			if (e->value != NULL)
				fprintf(jl, "\"%s\"", e->value);
			else
				fputs("null", jl);
			fputs(",\"change\":\"resolved\"}\n", jl);
		}
		if (csv != NULL) {
			host = kept(csv_of_json(e->host));
			audit_csv_run(csv, a);
			csv_owned(csv, kept(csv_of_json(e->severity)), 0);
			csv_owned(csv, kept(csv_of_json(e->rule)), 0);
			csv_field(csv, "", 0);		/* title */
			csv_owned(csv, host, 0);	/* host */
			csv_field(csv, "", 0);		/* source */
			csv_field(csv, "", 0);		/* hive */
			csv_owned(csv, kept(csv_of_json2(e->path, 1)), 0);
			csv_field(csv, "", 0);		/* hive_key */
			csv_owned(csv, e->value != NULL ?
			    kept(csv_of_json(e->value)) : NULL, 0);
			for (k = 0; k < 4; k++)	/* fix message refs attack */
				csv_field(csv, "", 0);
			csv_field(csv, "resolved", 1);
		}
	}
	return n;
}

size_t
baseline_count(const struct baseline *b, int still)
{
	return still ? b->n_still : b->n_new;
}
