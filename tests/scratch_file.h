/* scratch_file.h - shared by the loader tests: write a YAML text to a file of
 * its own temporary directory, so error messages name a real path. */
#ifndef LF_TESTS_SCRATCH_FILE_H
#define LF_TESTS_SCRATCH_FILE_H

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

typedef struct scratch {
    char dir[64];
    char path[96];
} scratch;

/* Writes text to /tmp/lf_XXXXXX/name. */
static void scratch_write(scratch *s, const char *name, const char *text)
{
    strcpy(s->dir, "/tmp/lf_XXXXXX");
    cr_assert_not_null(mkdtemp(s->dir));
    snprintf(s->path, sizeof s->path, "%s/%s", s->dir, name);
    FILE *f = fopen(s->path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
}

static void scratch_remove(scratch *s)
{
    remove(s->path);
    rmdir(s->dir);
}

#endif
