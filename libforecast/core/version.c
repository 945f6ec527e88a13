/* version.c - the linked library's version string. */
#include "libforecast.h"

const char *lf_version(void) { return LF_VERSION_STRING; }
