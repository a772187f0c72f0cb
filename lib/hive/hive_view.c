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
 * A second key tree over a hive's image, for a scan's second thread.
 * A hive's tree is loaded as it is read and unloaded behind a walk
 * (key_tree.c): two threads cannot share it.  The image under it is
 * only read, so a view reads the same bytes with a tree of its own.
 * Only a file hive whose tree is sound can be viewed: its reads then
 * find no damage, so the view's problems stay empty and the loop guard
 * (seen) is not needed, as in the hive itself.
 */
#include <stdlib.h>
#include <string.h>

#include "hive/hive.h"

int
sf_hive_viewable(const sf_hive *h)
{
	return sf_regf_source_is(h) && h->tree_sound && !h->corrupt &&
	    h->root != NULL && !sf_hive_incomplete(h);
}

sf_hive *
sf_hive_view(const sf_hive *h, int *oom)
{
	sf_hive	*v;
	sf_key	*c;
	size_t	 i;

	*oom = 0;
	if (!sf_hive_viewable(h))
		return NULL;
	if ((v = malloc(sizeof(*v))) == NULL) {
		*oom = 1;
		return NULL;
	}
	*v = *h;
	v->view_of = h;
	v->error = NULL;
	v->oom = 0;
	memset(&v->problems, 0, sizeof(v->problems));
	memset(&v->seen, 0, sizeof(v->seen));
	v->reuse = NULL;
	v->nreuse = v->ireuse = 0;
	v->src = NULL;
	v->root = NULL;
	v->ccs = NULL;
	if (sf_regf_source_tree(v) == -1 || v->root == NULL)
		goto fail;
	if (h->ccs != NULL) {
		/* The same key: the record at the same offset. */
		if (sf_key_children(v, v->root) != SF_OK)
			goto fail;
		for (i = 0; i < v->root->nchild && v->ccs == NULL; i++) {
			c = v->root->child[i];
			if (c->offset == h->ccs->offset)
				v->ccs = c;
		}
		if (v->ccs == NULL)
			goto fail;
	}
	return v;
fail:
	*oom = v->oom || v->src == NULL || v->root == NULL;
	sf_hive_view_free(v);
	return NULL;
}

void
sf_hive_view_free(sf_hive *v)
{
	if (v == NULL)
		return;
	sf_key_free_tree(v, v->root);
	if (v->ops != NULL && v->src != NULL)
		v->ops->close(v);
	sf_problems_free(&v->problems);
	sf_offset_set_free(&v->seen);
	free(v->reuse);
	free(v);
}
