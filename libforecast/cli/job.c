/* job.c - the run of a command that reads the config, works and writes a
 * set of files (cli.h, lfc_job): one place for the order of the steps, the
 * output directory, --format and the exit code. */
#include <stdio.h>

#include "cli.h"

int lfc_run_job(const lfc_job *job, void *run, int argc, char **argv)
{
    lfc_options opt;
    int code = lfc_parse_options(job->cmd, argc, argv, &opt);
    if (code != LFC_OK)
        return code < 0 ? LFC_OK : code;
    lf_error err;
    lf_error_clear(&err);
    lf_config *cfg = NULL;
    char path[LFC_JOB_FILES_MAX][4096];
    int rc = lf_config_load(opt.config, &cfg, &err);
    const char *dir = opt.out ? opt.out : cfg ? cfg->output_dir : NULL;
    if (rc == LF_OK)
        rc = job->work(run, cfg, &err);
    if (rc == LF_OK)
        rc = job->write(run, dir, path, &err);
    if (rc == LF_OK)
        rc = lfc_show(&opt, path[job->csv_file], path[job->json_file], job->table, run, &err);
    if (rc == LF_OK) {
        fflush(stdout); /* the tables before whatever finish says on stderr */
        code = job->finish ? job->finish(run, dir) : LFC_OK;
    } else {
        code = lfc_fail(job->cmd->name, &err);
    }
    job->release(run);
    lf_config_free(cfg);
    return code;
}
