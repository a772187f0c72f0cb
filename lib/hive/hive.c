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
 * A hive as the rest of the library sees it, whatever its source: made
 * empty here, filled by a source (file_open.c for hive files), freed
 * here with what the source holds.
 */
#include <stdlib.h>

#include "hive/hive.h"

sf_hive *
sf_hive_new(const char *path)
{
	sf_hive *h;

	if ((h = calloc(1, sizeof(*h))) == NULL)
		return NULL;
	if ((h->path = sf_strdup(path)) == NULL) {
		free(h);
		return NULL;
	}
	return h;
}

const sf_filedata *
sf_hive_disk_bytes(const sf_hive *h)
{
	return h->replayed ? &h->disk : &h->file;
}

void
sf_hive_free(sf_hive *h)
{
	size_t i;

	if (h == NULL)
		return;
	sf_key_free_tree(h, h->root);
	if (h->ops != NULL)
		h->ops->close(h);
	sf_file_release(&h->file);
	sf_problems_free(&h->problems);
	sf_offset_set_free(&h->seen);
	sf_file_release(&h->disk);
	for (i = 0; i < h->nlogs; i++) {
		free(h->logs[i]);
		if (h->log_note != NULL)
			free(h->log_note[i]);
	}
	free(h->logs);
	free(h->log_note);
	free(h->log_applied);
	for (i = 0; i < h->ncontrol_sets; i++)
		free(h->control_sets[i]);
	free(h->control_sets);
	sf_error_free(h->error);
	free(h->ccs_name);
	free(h->root_name);
	sf_keypath_free(&h->reg_root);
	free(h->mount);
	free(h->profile);
	free(h->path);
	free(h);
}
