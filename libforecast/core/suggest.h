/* suggest.h (internal) - 'did you mean' for misspelt names. */
#ifndef LF_CORE_SUGGEST_H
#define LF_CORE_SUGGEST_H

#include <stddef.h>

/* Case-insensitive edit distance (insert, delete, substitute, swap). */
size_t lf_edit_distance(const char *a, const char *b);

/* The candidate closest to word if it is close enough to be a likely typo
 * (distance <= 2, and less than half the word), else NULL.  The list may be
 * NULL-terminated (n = (size_t)-1) or counted. */
const char *lf_suggest(const char *word, const char *const *candidates, size_t n);

/* Fill buf with " (did you mean 'x'?)" or "" when there is no good match. */
void lf_suggest_hint(char *buf, size_t size, const char *word,
                     const char *const *candidates, size_t n);

#endif
