/* cli.h - shared pieces of the lfc command line: options, exit codes, output.
 *
 * Exit codes: 0 success, 1 usage error, 2 bad input (data or config),
 * 3 infeasible plan (peakshift: MW left unmet), 4 internal or I/O failure. */
#ifndef LFC_CLI_H
#define LFC_CLI_H

#include <stdio.h>
#include "libforecast.h"

enum { LFC_OK = 0, LFC_USAGE = 1, LFC_BAD_INPUT = 2, LFC_INFEASIBLE = 3, LFC_FAILURE = 4 };

/* md: the table --format csv prints, as a GitHub-flavoured Markdown table. */
typedef enum lfc_format { LFC_TABLE = 0, LFC_CSV, LFC_JSON, LFC_MD } lfc_format;

/* Options every subcommand shares. */
typedef struct lfc_options {
    const char *config;   /* --config FILE */
    const char *out;      /* --out DIR (default: the config's output.dir) */
    lfc_format format;    /* --format table|csv|json|md */
    int quiet;            /* --quiet: no tables on stdout, no progress on stderr */
    int has_seed;         /* --seed N given (only with LFC_TAKES_SEED) */
    unsigned long seed;   /* 0..4294967295 */
    int report;           /* --report (only with LFC_TAKES_REPORT) */
} lfc_options;

/* lfc_command.flags */
enum {
    LFC_TAKES_SEED = 1u,  /* it makes random draws: --seed N replaces the config's seed */
    LFC_TAKES_REPORT = 2u /* it writes a report on --report (others: unknown option) */
};

typedef struct lfc_command {
    const char *name;
    const char *summary;
    const char *usage;    /* full help text... */
    int (*run)(int argc, char **argv);
    const char *usage_more; /* ...continued, or NULL (C promises string literals of
                               4095 bytes only) */
    unsigned flags;       /* LFC_TAKES_SEED or 0: name it in every initializer, as
                             -Wextra refuses one that leaves a field out */
} lfc_command;

extern const lfc_command lfc_cmd_ingest;
extern const lfc_command lfc_cmd_fit;
extern const lfc_command lfc_cmd_backtest;
extern const lfc_command lfc_cmd_forecast;
extern const lfc_command lfc_cmd_plan;
extern const lfc_command lfc_cmd_peakshift;
extern const lfc_command lfc_cmd_tariff;
extern const lfc_command lfc_cmd_customers;

/* The command's full help text. */
void lfc_print_usage(FILE *fp, const lfc_command *cmd);
/* Parse the shared options; unknown options are usage errors.  Returns an
 * exit code (LFC_OK to go on) and prints the message itself. */
int lfc_parse_options(const lfc_command *cmd, int argc, char **argv, lfc_options *opt);
/* Print "lfc CMD: message" for a library error and map its code to an exit code. */
int lfc_fail(const char *cmd, const lf_error *err);
/* Print v with fmt ("%*.1f" style, width first) or a right-aligned "-" for NaN. */
void lfc_print_cell(double v, const char *fmt, int width);
/* buf = dir/file, or LF_ERR_ARG when it does not fit. */
int lfc_path_in(char *buf, size_t size, const char *dir, const char *file, lf_error *err);
/* Load the config and everything it names (cfg and project NULL on error,
 * or cfg set and project NULL when only the data failed). */
int lfc_open_project(const char *config, lf_config **cfg, lf_project **project,
                     lf_error *err);
/* JSON: "key": number (null for NaN/inf) then sep; a quoted, escaped string. */
void lfc_json_number(const char *key, double v, const char *sep);
void lfc_json_string(const char *s);
/* The same to any stream. */
void lfc_json_number_to(FILE *fp, const char *key, double v, const char *sep);
void lfc_json_string_to(FILE *fp, const char *s);
/* Create a directory and its parents (like mkdir -p). */
int lfc_make_dirs(const char *path, lf_error *err);

/* ---- a set of output files, all or none (output_files.c) ---- */

/* Writes file k of a set to path (a temporary name the set renames). */
typedef int lfc_file_writer(size_t k, const char *path, const void *ctx, lf_error *err);
/* The files names[0..n) into dir (created when absent), all or none: each
 * written whole as NAME.part by write, then the files stale[0..nstale) of
 * an earlier run removed, then all renamed; on a failure the parts are
 * removed.  path[k] = dir/names[k]. */
int lfc_write_file_set(const char *dir, const char *const *names, size_t n,
                       const char *const *stale, size_t nstale, lfc_file_writer *write,
                       const void *ctx, char (*path)[4096], lf_error *err);
/* A written file, byte for byte, on stdout. */
int lfc_copy_to_stdout(const char *path, lf_error *err);
/* Prints a run's readable tables. */
typedef void lfc_table_fn(const void *run);
/* What a run shows on stdout: nothing with --quiet, the file csv_path or
 * json_path with --format csv or json, csv_path as Markdown with --format
 * md, else table(run). */
int lfc_show(const lfc_options *opt, const char *csv_path, const char *json_path,
             lfc_table_fn *table, const void *run, lf_error *err);

/* ---- the manual page (man.c) ---- */

/* lfc(1) in roff: help(fp) (the top-level help) and every command's usage,
 * verbatim (lfc --man). */
void lfc_print_man(FILE *fp, const lfc_command *const *commands, void (*help)(FILE *));

/* ---- --format md (markdown.c) ---- */

/* The CSV file csv_path as a GitHub-flavoured Markdown pipe table: its
 * header row, an alignment row (---: for a numeric column, one whose every
 * non-empty cell is a number), then its records; '|' and '\' in a cell
 * escaped, a line break in one as <br>.
 * The file is read whole before anything is written, so a malformed file
 * (file:line:column in err) leaves out untouched. */
int lfc_csv_to_markdown(FILE *out, const char *csv_path, lf_error *err);
/* Writes a CSV table to fp (the one --format csv prints). */
typedef void lfc_csv_fn(FILE *fp, const void *ctx);
/* The same for a table that is not a file: csv(fp, ctx) into a temporary
 * file (removed afterwards), that file as Markdown.  md therefore always
 * shows exactly the cells --format csv prints. */
int lfc_csv_fn_to_markdown(FILE *out, lfc_csv_fn *csv, const void *ctx, lf_error *err);

/* ---- progress on stderr (progress.c) ---- */

/* "lfc forecast [======>       ] 3/5 forecasting" redrawn in place with \r
 * as a long command goes from stage to stage, the line cleared at the end.
 * Only on a terminal: see lfc_progress_wanted. */
typedef struct lfc_progress {
    const char *cmd;
    size_t nsteps, step;
    int enabled;
    int drawn;              /* width of the line on the screen, to clear it */
} lfc_progress;

/* Whether a command with these options shows progress: LFC_PROGRESS=never
 * never, LFC_PROGRESS=always also when stderr is not a terminal (for tests
 * and logs), otherwise when stderr is a terminal; never with --quiet. */
int lfc_progress_wanted(const lfc_options *opt);
/* Start p (nothing is drawn yet); all three calls accept p == NULL. */
void lfc_progress_begin(lfc_progress *p, const char *cmd, size_t nsteps, int enabled);
/* Step what begins: draws "step/nsteps what". */
void lfc_progress_step(lfc_progress *p, const char *what);
/* Clear the line: call it before anything else goes to stdout or stderr,
 * on failure paths too.  Calling it twice is harmless. */
void lfc_progress_end(lfc_progress *p);

/* ---- a command that reads the config, works, writes a file set (job.c) ---- */

#define LFC_JOB_FILES_MAX 8

/* What lfc peakshift, tariff and customers share: parse the options, load
 * the config, work, write the files (all or none), show them; one exit code. */
typedef struct lfc_job {
    const lfc_command *cmd;
    /* the work, into run (which keeps cfg if its tables need it) */
    int (*work)(void *run, const lf_config *cfg, lf_error *err);
    /* the files into dir, their paths into path[] */
    int (*write)(const void *run, const char *dir, char (*path)[4096], lf_error *err);
    size_t csv_file, json_file;   /* which path[] --format csv and json print */
    lfc_table_fn *table;
    /* the exit code after a successful run (may say more on stderr), or NULL: 0 */
    int (*finish)(const void *run, const char *dir);
    void (*release)(void *run);   /* frees what work made, also after a failure */
} lfc_job;

int lfc_run_job(const lfc_job *job, void *run, int argc, char **argv);

#endif
