/* options.c - option parsing and error reporting shared by lfc subcommands. */
#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include "../io/json_out.h"
#include "cli.h"

void lfc_print_usage(FILE *fp, const lfc_command *cmd)
{
    fputs(cmd->usage, fp);
    if (cmd->usage_more)
        fputs(cmd->usage_more, fp);
}

static int usage_error(const lfc_command *cmd, const char *what, const char *arg)
{
    fprintf(stderr, "lfc %s: %s '%s'\n\n", cmd->name, what, arg);
    lfc_print_usage(stderr, cmd);
    return LFC_USAGE;
}

static int parse_format(const lfc_command *cmd, const char *value, lfc_format *format)
{
    static const char *const names[] = {"table", "csv", "json", "md"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (strcmp(value, names[k]) == 0) {
            *format = (lfc_format)k;
            return LFC_OK;
        }
    return usage_error(cmd, "--format must be table, csv, json or md, got", value);
}

/* Decimal digits only: strtoul would take "-1" (as ULONG_MAX), "+7", " 7"
 * and "0x10", none of which a seed written in a script should silently be. */
static int parse_seed(const lfc_command *cmd, const char *value, unsigned long *seed)
{
    unsigned long long v = 0;
    int ok = value[0] != '\0';
    for (const char *c = value; ok && *c; c++) {
        /* the bound checked digit by digit also keeps v from overflowing */
        ok = *c >= '0' && *c <= '9' &&
             (v = v * 10 + (unsigned long long)(*c - '0')) <= 4294967295ull;
    }
    if (!ok)
        return usage_error(cmd, "--seed must be a whole number 0..4294967295, got", value);
    *seed = (unsigned long)v;
    return LFC_OK;
}

/* --seed on a command that draws nothing would be silently ignored, which
 * hides a mistake (a seed meant for another command). */
static int seed_refused(const lfc_command *cmd)
{
    fprintf(stderr, "lfc %s: --seed is not an option of lfc %s: it makes no random draws "
            "that a seed could change\n\n", cmd->name, cmd->name);
    lfc_print_usage(stderr, cmd);
    return LFC_USAGE;
}

static int takes_value(const char *a)
{
    static const char *const names[] = {"--config", "-c", "--out", "-o", "--format", "--seed"};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (strcmp(a, names[k]) == 0)
            return 1;
    return 0;
}

/* Option a (one of takes_value; --seed only when the command takes it)
 * with its value v. */
static int set_option(const lfc_command *cmd, const char *a, const char *v, lfc_options *opt)
{
    if (strcmp(a, "--config") == 0 || strcmp(a, "-c") == 0)
        opt->config = v;
    else if (strcmp(a, "--out") == 0 || strcmp(a, "-o") == 0)
        opt->out = v;
    else if (strcmp(a, "--format") == 0)
        return parse_format(cmd, v, &opt->format);
    else if (parse_seed(cmd, v, &opt->seed) == LFC_OK)
        opt->has_seed = 1;
    else
        return LFC_USAGE;
    return LFC_OK;
}

int lfc_parse_options(const lfc_command *cmd, int argc, char **argv, lfc_options *opt)
{
    memset(opt, 0, sizeof *opt);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            lfc_print_usage(stdout, cmd);
            return -1; /* handled: exit 0 */
        }
        if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            opt->quiet = 1;
            continue;
        }
        if (strcmp(a, "--report") == 0 && (cmd->flags & LFC_TAKES_REPORT)) {
            opt->report = 1;
            continue;
        }
        if (strcmp(a, "--seed") == 0 && (cmd->flags & LFC_TAKES_SEED) == 0)
            return seed_refused(cmd); /* before its value: any value is refused */
        if (!takes_value(a))
            return usage_error(cmd, "unknown option", a);
        if (i + 1 >= argc)
            return usage_error(cmd, "missing value after", a);
        int code = set_option(cmd, a, argv[++i], opt);
        if (code != LFC_OK)
            return code;
    }
    if (!opt->config) {
        fprintf(stderr, "lfc %s: --config FILE is required\n\n", cmd->name);
        lfc_print_usage(stderr, cmd);
        return LFC_USAGE;
    }
    return LFC_OK;
}

int lfc_fail(const char *cmd, const lf_error *err)
{
    fprintf(stderr, "lfc %s: error: %s\n", cmd, err->message[0] ? err->message
                                                                : lf_strerror(err->code));
    switch (err->code) {
    case LF_ERR_PARSE:
    case LF_ERR_CONFIG:
    case LF_ERR_DATA:
    case LF_ERR_RANGE:
    case LF_ERR_NOTFOUND:
    case LF_ERR_ARG:
        return LFC_BAD_INPUT;
    default:
        return LFC_FAILURE;
    }
}

int lfc_make_dirs(const char *path, lf_error *err)
{
    char buf[4096];
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof buf)
        return lf_error_set(err, LF_ERR_ARG, "bad output directory '%s'", path);
    memcpy(buf, path, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (buf[i] != '/' && buf[i] != '\0')
            continue;
        char c = buf[i];
        buf[i] = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            return lf_error_set(err, LF_ERR_IO, "cannot create directory %s: %s", buf,
                                strerror(errno));
        buf[i] = c;
    }
    return LF_OK;
}

void lfc_print_cell(double v, const char *fmt, int width)
{
    if (isnan(v))
        printf("%*s", width, "-");
    else
        printf(fmt, width, v);
}

int lfc_path_in(char *buf, size_t size, const char *dir, const char *file, lf_error *err)
{
    if ((size_t)snprintf(buf, size, "%s/%s", dir, file) >= size)
        return lf_error_set(err, LF_ERR_ARG, "output path too long: %s/%s", dir, file);
    return LF_OK;
}

void lfc_json_number_to(FILE *fp, const char *key, double v, const char *sep)
{
    lf_json_put_number(fp, key, v, sep);
}

void lfc_json_string_to(FILE *fp, const char *s)
{
    lf_json_put_string(fp, s);
}

void lfc_json_number(const char *key, double v, const char *sep)
{
    lfc_json_number_to(stdout, key, v, sep);
}

void lfc_json_string(const char *s)
{
    lfc_json_string_to(stdout, s);
}

int lfc_open_project(const char *config, lf_config **cfg, lf_project **project, lf_error *err)
{
    *project = NULL;
    int rc = lf_config_load(config, cfg, err);
    return rc == LF_OK ? lf_project_load(*cfg, project, err) : rc;
}
