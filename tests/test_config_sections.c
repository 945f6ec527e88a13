/* test_config_sections.c - the accessors of the config's sections: each one
 * the section its key wrote (a value read back through it), NULL for a
 * section the config lacks, forecast's defaults always, the output directory
 * resolved against the config's directory. */
#include <criterion/criterion.h>
#include <string.h>

#include "config_test.h"

Test(config_sections, absent_sections_are_null)
{
    lf_config *cfg = load("name: x\n");
    size_t n = 7;
    cr_assert_null(lf_config_model_section(cfg));
    cr_assert_null(lf_config_candidates(cfg, &n));
    cr_assert_eq(n, 0);
    cr_assert_null(lf_config_selection_section(cfg));
    cr_assert_null(lf_config_backtest_section(cfg));
    cr_assert_null(lf_config_peakshift_section(cfg));
    cr_assert_null(lf_config_tariff_section(cfg));
    cr_assert_null(lf_config_crm_section(cfg));
    cr_assert_null(lf_config_plan_section(cfg));
    const lf_config_forecast *fc = lf_config_forecast_section(cfg);
    cr_assert_not_null(fc);
    cr_assert_eq(fc->months, 12, "the default horizon");
    lf_config_free(cfg);
}

Test(config_sections, each_accessor_gives_its_own_section)
{
    lf_config *cfg = load("name: x\n"
                          "model:\n  target: peak_mw\n"
                          "forecast:\n  months: 18\n"
                          "plan:\n  reserve: 12%\n");
    const lf_config_model *m = lf_config_model_section(cfg);
    cr_assert_not_null(m);
    cr_assert_str_eq(m->spec.target, "peak_mw");
    cr_assert_eq(lf_config_forecast_section(cfg)->months, 18);
    const lf_config_plan *p = lf_config_plan_section(cfg);
    cr_assert_not_null(p);
    cr_assert_float_eq(p->reserve, 0.12, 1e-12);
    cr_assert_null(lf_config_tariff_section(cfg));
    lf_config_free(cfg);
}

Test(config_sections, output_dir_is_resolved_against_the_config)
{
    lf_error err;
    lf_config *cfg = NULL;
    cr_assert_eq(lf_config_load_string("name: x\noutput:\n  dir: out\n", "p.yaml", "/tmp/proj",
                                       &cfg, &err), LF_OK, "%s", err.message);
    cr_assert_str_eq(lf_config_output_dir(cfg), "/tmp/proj/out");
    lf_config_free(cfg);
}
