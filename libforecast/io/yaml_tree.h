/* yaml_tree.h (internal) - YAML documents as immutable trees that know where
 * every node came from, and typed getters whose errors name file:line:column.
 *
 * The loader accepts the subset of YAML a configuration needs: one document of
 * scalars, sequences and mappings with scalar keys.  It rejects, with a
 * located message, what would make a config ambiguous or hard to read:
 * anchors and aliases (and so merge keys), explicit tags, several documents,
 * duplicate keys, non-scalar keys, strings containing NUL, nesting deeper
 * than LF_YAML_MAX_DEPTH.
 *
 * Every error message has the form "file:line:column: what was wrong; what was
 * expected", e.g.
 *   project.yaml:12:5: unknown key 'intervall_minutes' in 'load' (did you mean
 *   'interval_minutes'?)
 * Values are described by their key and the dotted path of the mapping that
 * holds them ('interval_minutes' in 'customers[0]'); list items by their path
 * ('calendar.builtin[1]', 0-based as in jq/yq).
 *
 * Conventions of the getters:
 *  - lf_ynode_* take a node and check its type and value;
 *  - lf_ymap_* take a mapping and a key: when the key is absent they return
 *    LF_OK and leave *out untouched, so callers preset defaults; use
 *    lf_ymap_require for mandatory keys;
 *  - a null value (empty, ~ or null, unquoted) is "no value" and is an error
 *    for every typed getter: an optional key is omitted, not left empty;
 *  - strings returned point into the document and live as long as it does.
 * Errors are LF_ERR_CONFIG (LF_ERR_IO / LF_ERR_NOMEM where those apply).
 */
#ifndef LF_IO_YAML_TREE_H
#define LF_IO_YAML_TREE_H

#include <stddef.h>

#include "libforecast/date.h"
#include "libforecast/error.h"

#define LF_YAML_MAX_DEPTH 64            /* no config needs more; bounds recursion */
#define LF_YAML_MAX_FILE (16u << 20)    /* 16 MiB: a config, not a data file */

/* ---- a small allocation arena: many small blocks, one free ---------------- */

typedef struct lf_arena lf_arena;

lf_arena *lf_arena_new(void);
void lf_arena_free(lf_arena *arena);                       /* NULL allowed */
void *lf_arena_alloc(lf_arena *arena, size_t size);        /* zeroed; NULL if out of memory */
char *lf_arena_strdup(lf_arena *arena, const char *text);  /* NULL text -> NULL */

/* ---- the tree ------------------------------------------------------------- */

typedef enum lf_ynode_kind { LF_YSCALAR = 0, LF_YSEQUENCE, LF_YMAPPING } lf_ynode_kind;

typedef struct lf_ynode lf_ynode;

typedef struct lf_ypair {
    const lf_ynode *key;     /* always a scalar */
    const lf_ynode *value;
} lf_ypair;

struct lf_ynode {
    lf_ynode_kind kind;
    const char *file;            /* name used in messages */
    long line, column;           /* 1-based start of the node */
    const lf_ynode *parent;      /* NULL for the root */
    size_t index;                /* item or pair index within the parent */
    const char *key;             /* for a mapping value or key: the key text */
    int is_key;                  /* this node is a mapping key */
    /* scalars */
    const char *text;            /* NUL-terminated value */
    int plain;                   /* written without quotes: "", ~, null are null */
    /* sequences and mappings */
    size_t count;
    const lf_ynode *const *items; /* sequence items */
    const lf_ypair *pairs;        /* mapping pairs in document order */
};

typedef struct lf_ydoc lf_ydoc;

/* Parse a whole file; messages name the file by the path given. */
int lf_ydoc_load_file(const char *path, lf_ydoc **out, lf_error *err);
/* Parse text (length bytes, NUL not required); name is used in messages. */
int lf_ydoc_load_string(const char *text, size_t length, const char *name,
                        lf_ydoc **out, lf_error *err);
void lf_ydoc_free(lf_ydoc *doc);                       /* NULL allowed */
/* The document's root node, or NULL when the document is empty. */
const lf_ynode *lf_ydoc_root(const lf_ydoc *doc);

/* "a string", "a list" or "a mapping" (for "got ..." in messages). */
const char *lf_ynode_kind_name(lf_ynode_kind kind);
/* Dotted path of a node: "" for the root, "load", "customers[2].path". */
void lf_ynode_path(const lf_ynode *node, char *buf, size_t size);
/* How messages name a node: "'path' in 'load'", "'name'", "'calendar.files[0]'",
 * "the document". */
void lf_ynode_describe(const lf_ynode *node, char *buf, size_t size);
/* A check that knows nothing of the file has reported into err: the same
 * message again, now located at node with prefix (may be "") before it;
 * returns LF_ERR_CONFIG. */
int lf_ynode_relocate(const lf_ynode *node, lf_error *err, const char *prefix);
/* Record an error located at node; returns code. */
int lf_ynode_error(const lf_ynode *node, lf_error *err, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

int lf_ynode_is_null(const lf_ynode *node);

/* Fail unless node has this kind: "'load' must be a mapping, got a list". */
int lf_ynode_expect(const lf_ynode *node, lf_ynode_kind kind, lf_error *err);

/* Typed values of a node. */
int lf_ynode_string(const lf_ynode *node, const char **out, lf_error *err); /* non-empty */
int lf_ynode_int(const lf_ynode *node, int min, int max, int *out, lf_error *err);
int lf_ynode_int_choice(const lf_ynode *node, const int *choices, size_t nchoices,
                        int *out, lf_error *err);
int lf_ynode_double(const lf_ynode *node, double min, double max, double *out,
                    lf_error *err);
/* A finite number in (0, max] (max may be INFINITY). */
int lf_ynode_positive(const lf_ynode *node, double max, double *out, lf_error *err);
/* A non-empty string copied into a fixed field of size bytes (UTF-8 bytes, not
 * characters: a Chinese name takes three a character); too long is an error. */
int lf_ynode_text(const lf_ynode *node, char *out, size_t size, lf_error *err);
int lf_ynode_bool(const lf_ynode *node, int *out, lf_error *err); /* yes/no/true/false */
int lf_ynode_date(const lf_ynode *node, lf_date *out, lf_error *err);
/* *out = index of the matching name (ASCII case-insensitive); otherwise the
 * message lists the names and suggests the nearest. */
int lf_ynode_enum(const lf_ynode *node, const char *const *names, size_t nnames,
                  int *out, lf_error *err);
/* A list of strings, or a single string taken as a list of one.  *out is a
 * malloc'ed NULL-terminated array of pointers into the document (free it). */
int lf_ynode_string_list(const lf_ynode *node, const char ***out, size_t *count,
                         lf_error *err);

/* Mapping access.  map must be a mapping (check with lf_ynode_expect). */
const lf_ynode *lf_ymap_get(const lf_ynode *map, const char *key);     /* value or NULL */
const lf_ynode *lf_ymap_key(const lf_ynode *map, const char *key);     /* key node or NULL */
/* Reject keys not in allowed[] (n = (size_t)-1 for a NULL-terminated list). */
int lf_ymap_check_keys(const lf_ynode *map, const char *const *allowed, size_t n,
                       lf_error *err);
/* The node is a mapping with no keys but allowed[] (both checks above). */
int lf_ymap_expect_keys(const lf_ynode *map, const char *const *allowed, size_t n,
                        lf_error *err);
/* Fail, located at the mapping itself, when key is absent. */
int lf_ymap_require(const lf_ynode *map, const char *key, lf_error *err);
/* lf_ymap_expect_keys, then the first nrequired of keys[] present (each
 * missing one reported by lf_ymap_require, in that order). */
int lf_ymap_expect_required(const lf_ynode *map, const char *const *keys, size_t n,
                            size_t nrequired, lf_error *err);

int lf_ymap_string(const lf_ynode *map, const char *key, const char **out, lf_error *err);
int lf_ymap_int(const lf_ynode *map, const char *key, int min, int max, int *out,
                lf_error *err);
int lf_ymap_double(const lf_ynode *map, const char *key, double min, double max,
                   double *out, lf_error *err);
int lf_ymap_bool(const lf_ynode *map, const char *key, int *out, lf_error *err);
int lf_ymap_date(const lf_ynode *map, const char *key, lf_date *out, lf_error *err);
int lf_ymap_enum(const lf_ynode *map, const char *key, const char *const *names,
                 size_t nnames, int *out, lf_error *err);

#endif
