/* progress.c - a one-line progress bar on stderr for the long commands
 * (lfc forecast, lfc backtest): which stage of how many is running.  The
 * library has no progress callbacks, so the steps are the command's own
 * stages.  Drawn only for a person watching (stderr a terminal, not
 * --quiet), never into logs or pipes unless LFC_PROGRESS=always asks. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define BAR_WIDTH 20

int lfc_progress_wanted(const lfc_options *opt)
{
    const char *mode = getenv("LFC_PROGRESS");
    if (opt->quiet || (mode && strcmp(mode, "never") == 0))
        return 0;
    return (mode && strcmp(mode, "always") == 0) || isatty(STDERR_FILENO);
}

void lfc_progress_begin(lfc_progress *p, const char *cmd, size_t nsteps, int enabled)
{
    if (!p)
        return;
    p->cmd = cmd;
    p->nsteps = nsteps ? nsteps : 1;
    p->step = 0;
    p->enabled = enabled;
    p->drawn = 0;
}

/* Overwrites the previous line, padding with blanks where it was longer. */
static void draw(lfc_progress *p, const char *what)
{
    char bar[BAR_WIDTH + 1];
    size_t filled = p->step * BAR_WIDTH / p->nsteps;
    for (size_t i = 0; i < BAR_WIDTH; i++)
        bar[i] = i + 1 < filled ? '=' : i + 1 == filled ? (p->step < p->nsteps ? '>' : '=')
                                                        : ' ';
    bar[BAR_WIDTH] = '\0';
    int n = fprintf(stderr, "\rlfc %s [%s] %zu/%zu %s", p->cmd, bar, p->step, p->nsteps,
                    what);
    if (n > 0) {
        n--; /* the \r */
        if (n < p->drawn)
            fprintf(stderr, "%*s", p->drawn - n, "");
        p->drawn = n > p->drawn ? n : p->drawn;
    }
    fflush(stderr);
}

void lfc_progress_step(lfc_progress *p, const char *what)
{
    if (!p || !p->enabled)
        return;
    if (p->step < p->nsteps)
        p->step++;
    draw(p, what);
}

void lfc_progress_end(lfc_progress *p)
{
    if (!p || !p->enabled || !p->drawn)
        return;
    fprintf(stderr, "\r%*s\r", p->drawn, "");
    fflush(stderr);
    p->drawn = 0;
}
