/* man.c - `lfc --man`: the manual page lfc(1) in roff, made from the same
 * help texts `lfc --help` and `lfc help COMMAND` print, so the page and the
 * help can never disagree.  make install writes it to share/man/man1. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

/* Text as roff shows it verbatim inside .nf: a backslash is \e, a minus
 * \- (so options copy and paste as ASCII), a line that starts with . or '
 * is guarded by \& (else roff reads it as a request). */
static void put_verbatim(FILE *fp, const char *text)
{
    int line_start = 1;
    for (const char *p = text; *p; p++) {
        if (line_start && (*p == '.' || *p == '\''))
            fputs("\\&", fp);
        if (*p == '\\')
            fputs("\\e", fp);
        else if (*p == '-')
            fputs("\\-", fp);
        else
            fputc(*p, fp);
        line_start = *p == '\n';
    }
    if (!line_start)
        fputc('\n', fp);
}

/* The help printed to a memory stream, then written verbatim. */
static void put_help(FILE *fp, void (*help)(FILE *))
{
    char *text = NULL;
    size_t size = 0;
    FILE *mem = open_memstream(&text, &size);
    if (!mem)
        return;
    help(mem);
    fclose(mem);
    put_verbatim(fp, text);
    free(text);
}

void lfc_print_man(FILE *fp, const lfc_command *const *commands, void (*help)(FILE *))
{
    fprintf(fp, ".TH LFC 1 \"\" \"libforecast %s\" \"User Commands\"\n"
                ".SH NAME\n"
                "lfc \\- electricity load forecasting and demand\\-response planning\n"
                ".SH SYNOPSIS\n"
                ".B lfc\n.I COMMAND\n.RB [ \\-\\-config\n.IR FILE ]\n[options]\n"
                ".SH DESCRIPTION\n.nf\n", lf_version());
    put_help(fp, help);
    fputs(".fi\n.SH COMMANDS\n", fp);
    for (size_t i = 0; commands[i]; i++) {
        fprintf(fp, ".SS lfc %s\n.nf\n", commands[i]->name);
        put_verbatim(fp, commands[i]->usage);
        if (commands[i]->usage_more)
            put_verbatim(fp, commands[i]->usage_more);
        fputs(".fi\n", fp);
    }
    fputs(".SH FILES\nThe project config and every key: include/libforecast/config.h of the "
          "libforecast sources; the sample project: datasets/sample/project.yaml.\n"
          ".SH SEE ALSO\nThe README of libforecast: the planner's guide.\n", fp);
}
