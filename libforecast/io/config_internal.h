/* config_internal.h (internal) - config sections read in their own files. */
#ifndef LF_IO_CONFIG_INTERNAL_H
#define LF_IO_CONFIG_INTERNAL_H

#include "libforecast/config.h"
#include "yaml_tree.h"

/* The 'model' mapping; errors are located at the offending node. */
int lf_config_read_model(const lf_ynode *map, lf_config_model *model, lf_error *err);

#endif
