/* main.c - lfc: the libforecast command line.  Dispatches to one file per
 * subcommand; this file holds only the command table and top-level help. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const lfc_command *const commands[] = {&lfc_cmd_ingest, &lfc_cmd_fit, &lfc_cmd_backtest,
                                               &lfc_cmd_forecast, &lfc_cmd_plan, &lfc_cmd_peakshift,
                                               &lfc_cmd_tariff, &lfc_cmd_customers, NULL};

/* The commands that take --seed, from their flags: "forecast, plan". */
static void print_seed_commands(FILE *fp)
{
    const char *sep = "";
    for (size_t i = 0; commands[i]; i++)
        if (commands[i]->flags & LFC_TAKES_SEED) {
            fprintf(fp, "%s%s", sep, commands[i]->name);
            sep = ", ";
        }
    if (!*sep)
        fputs("none", fp);
}

static void print_help(FILE *fp)
{
    fprintf(fp, "usage: lfc COMMAND [options]\n\n"
                "libforecast %s: electricity load forecasting and demand-response planning.\n\n"
                "commands:\n", lf_version());
    for (size_t i = 0; commands[i]; i++)
        fprintf(fp, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
    fprintf(fp, "\n  lfc help COMMAND   details of one command\n"
                "  lfc --version      print the version\n"
                "  lfc --man          this help and every command's as a manual page (roff)\n\n"
                "options every command shares:\n"
                "  -c, --config FILE  the project config (YAML); required\n"
                "  -o, --out DIR      where the files go (default: output.dir of the config)\n"
                "  --format F         what stdout shows: table (readable; the default), csv,\n"
                "                     json, or md (the csv table as a Markdown table)\n"
                "  -q, --quiet        nothing on stdout (the files are still written) and no\n"
                "                     progress line\n"
                "  --seed N           the seed of every random draw, 0..4294967295, instead of\n"
                "                     the config's; only the commands that draw: ");
    print_seed_commands(fp);
    fprintf(fp, "\n"
                "  -h, --help         the command's help\n\n"
                "environment:\n"
                "  LFC_PROGRESS       the progress line of the long commands (forecast,\n"
                "                     backtest, plan) on stderr: shown when stderr is a terminal and\n"
                "                     not --quiet; always: also into a pipe or file; never: off\n\n"
                "exit codes:\n"
                "  0  ok\n"
                "  1  usage error\n"
                "  2  bad input: data or config (the message names file:line:column)\n"
                "  3  infeasible plan: MW left unmet or a balance deficit\n"
                "  4  I/O or internal failure\n");
}

static const lfc_command *find_command(const char *name)
{
    for (size_t i = 0; commands[i]; i++)
        if (strcmp(commands[i]->name, name) == 0)
            return commands[i];
    return NULL;
}

/* OpenBLAS, when it is the system BLAS, runs a thread per core that spins
 * on every call; our least-squares problems are small (days x tens of
 * columns), where that costs more time than it saves (measured: 1.3 s ->
 * 0.8 s for lfc fit on the sample), so lfc asks it for one thread.  A weak
 * reference: with another BLAS the symbol is absent and nothing is done.
 * The library itself leaves the caller's BLAS settings alone. */
extern void openblas_set_num_threads(int n) __attribute__((weak));

int main(int argc, char **argv)
{
    if (openblas_set_num_threads)
        openblas_set_num_threads(1);
    if (argc < 2) {
        print_help(stderr);
        return LFC_USAGE;
    }
    const char *arg = argv[1];
    if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
        print_help(stdout);
        return LFC_OK;
    }
    if (strcmp(arg, "--man") == 0) {
        lfc_print_man(stdout, commands, print_help);
        return LFC_OK;
    }
    if (strcmp(arg, "--version") == 0) {
        printf("lfc %s\n", lf_version());
        return LFC_OK;
    }
    if (strcmp(arg, "help") == 0) {
        const lfc_command *cmd = argc > 2 ? find_command(argv[2]) : NULL;
        if (argc > 2 && !cmd) {
            fprintf(stderr, "lfc: no command '%s'; see lfc --help\n", argv[2]);
            return LFC_USAGE;
        }
        if (cmd)
            lfc_print_usage(stdout, cmd);
        else
            print_help(stdout);
        return LFC_OK;
    }
    const lfc_command *cmd = find_command(arg);
    if (!cmd) {
        fprintf(stderr, "lfc: no command '%s'; see lfc --help\n", arg);
        return LFC_USAGE;
    }
    return cmd->run(argc - 1, argv + 1);
}
