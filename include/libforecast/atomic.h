/* libforecast/atomic.h - write a whole output file or nothing.
 * The content goes to a temporary file in the target's directory, which is
 * renamed over the target only after every byte was written and flushed, so a
 * failure (full disk, bad data found half-way) never leaves a partial file. */
#ifndef LIBFORECAST_ATOMIC_H
#define LIBFORECAST_ATOMIC_H

#include <stdio.h>
#include "libforecast/error.h"

/* Writer callback: returns 0 on success, non-zero to abandon the file; it may
 * fill err itself (then its code is kept). */
typedef int (*lf_writer_fn)(FILE *fp, const void *ctx);

int lf_atomic_write(const char *path, lf_writer_fn write, const void *ctx, lf_error *err);

#endif
