/* atomic_file.c - temporary file + rename, see atomic_file.h. */
#include "libforecast/atomic.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int lf_atomic_write(const char *path, lf_writer_fn write, const void *ctx, lf_error *err)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + sizeof ".tmp.XXXXXX");
    if (!tmp)
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory writing %s", path);
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".tmp.XXXXXX", sizeof ".tmp.XXXXXX");
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return lf_error_set(err, LF_ERR_IO, "cannot create %s: %s", path, strerror(e));
    }
    /* mkstemp creates 0600; outputs are ordinary shared files. */
    (void)fchmod(fd, 0644);
    FILE *fp = fdopen(fd, "w");
    if (!fp) {
        close(fd);
        unlink(tmp);
        free(tmp);
        return lf_error_set(err, LF_ERR_IO, "cannot write %s", path);
    }
    int failed = write(fp, ctx) != 0;
    failed |= ferror(fp) != 0;
    failed |= fflush(fp) != 0;
    int e = errno;
    failed |= fclose(fp) != 0;
    if (!failed && rename(tmp, path) != 0) {
        e = errno;
        failed = 1;
    }
    if (failed) {
        unlink(tmp);
        free(tmp);
        return lf_error_set(err, LF_ERR_IO, "cannot write %s: %s", path,
                            e ? strerror(e) : "write failed");
    }
    free(tmp);
    return LF_OK;
}
