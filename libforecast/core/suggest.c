/* suggest.c - optimal-string-alignment distance for 'did you mean' hints. */
#include "suggest.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define MAX_LEN 63

size_t lf_edit_distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > MAX_LEN || m > MAX_LEN)
        return n > m ? n : m; /* names that long are never typos of each other */
    size_t d[MAX_LEN + 1][MAX_LEN + 1];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= n; i++) {
        for (size_t j = 1; j <= m; j++) {
            int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
            size_t best = d[i - 1][j - 1] + (ca != cb);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) == cb && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[n][m];
}

const char *lf_suggest(const char *word, const char *const *candidates, size_t n)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (size_t i = 0; i < n && candidates[i]; i++) {
        size_t d = lf_edit_distance(word, candidates[i]);
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    size_t len = strlen(word);
    if (best && best_d <= 2 && 2 * best_d < len + (len < 4))
        return best;
    return NULL;
}

void lf_suggest_hint(char *buf, size_t size, const char *word,
                     const char *const *candidates, size_t n)
{
    const char *s = lf_suggest(word, candidates, n);
    if (s)
        snprintf(buf, size, " (did you mean '%s'?)", s);
    else if (size)
        buf[0] = '\0';
}
