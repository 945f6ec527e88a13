/* scratch_file.h - shared by the tests that write files: a YAML text in a
 * file of its own temporary directory, so error messages name a real path,
 * and a flat temporary directory removed with what it holds. */
#ifndef LF_TESTS_SCRATCH_FILE_H
#define LF_TESTS_SCRATCH_FILE_H

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

typedef struct scratch {
    char dir[64];
    char path[96];
} scratch;

/* Writes text to /tmp/lf_XXXXXX/name. */
static inline void scratch_write(scratch *s, const char *name, const char *text)
{
    strcpy(s->dir, "/tmp/lf_XXXXXX");
    cr_assert_not_null(mkdtemp(s->dir));
    snprintf(s->path, sizeof s->path, "%s/%s", s->dir, name);
    FILE *f = fopen(s->path, "w");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
}

static inline void scratch_remove(scratch *s)
{
    remove(s->path);
    rmdir(s->dir);
}

/* Removes dir and the plain files in it (tests make no subdirectories). */
static inline void scratch_remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char p[400];
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
            unlink(p);
        }
        closedir(d);
    }
    rmdir(dir);
}

#endif
