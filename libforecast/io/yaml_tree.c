/* yaml_tree.c - libyaml events to an immutable, position-carrying node tree,
 * and the typed getters config sections are read with (see yaml_tree.h).
 * All nodes and strings of a document live in one arena, so a failed parse
 * releases everything with a single free and nothing is half-built. */
#include "yaml_tree.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "../core/suggest.h"

/* ---- arena ---------------------------------------------------------------- */

#define ARENA_BLOCK 8192

typedef struct arena_block {
    struct arena_block *next;
    size_t used, size;
    max_align_t data[]; /* aligned storage for any object */
} arena_block;

struct lf_arena {
    arena_block *head;
};

lf_arena *lf_arena_new(void) { return calloc(1, sizeof(lf_arena)); }

void lf_arena_free(lf_arena *arena)
{
    if (!arena)
        return;
    for (arena_block *b = arena->head, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(arena);
}

void *lf_arena_alloc(lf_arena *arena, size_t size)
{
    const size_t align = _Alignof(max_align_t);
    if (size > SIZE_MAX / 2)
        return NULL;
    size = size ? (size + align - 1) / align * align : align;
    arena_block *b = arena->head;
    if (!b || b->size - b->used < size) {
        size_t cap = size > ARENA_BLOCK ? size : ARENA_BLOCK;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->used = 0;
        b->size = cap;
        b->next = arena->head;
        arena->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

char *lf_arena_strdup(lf_arena *arena, const char *text)
{
    if (!text)
        return NULL;
    size_t n = strlen(text) + 1;
    char *d = lf_arena_alloc(arena, n);
    if (d)
        memcpy(d, text, n);
    return d;
}

/* ---- building the tree ------------------------------------------------------ */

struct lf_ydoc {
    lf_arena *arena;
    const lf_ynode *root;
};

/* Children are collected in an arena list, then copied to an array. */
typedef struct child_cell {
    lf_ynode *key, *value;
    struct child_cell *next;
} child_cell;

typedef struct builder {
    yaml_parser_t parser;
    yaml_event_t event;
    int has_event;
    lf_arena *arena;
    const char *file;
    const char *text;    /* whole input, for the tab-indentation hint */
    size_t length;
    lf_error *err;
} builder;

static int nomem(builder *b)
{
    return lf_error_set(b->err, LF_ERR_NOMEM, "out of memory reading %s", b->file);
}

/* 1-based line and column of byte offset in the input. */
static void offset_position(const builder *b, size_t offset, long *line, long *column)
{
    *line = 1;
    *column = 1;
    for (size_t i = 0; i < offset && i < b->length; i++) {
        if (b->text[i] == '\n') {
            ++*line;
            *column = 1;
        } else if (((unsigned char)b->text[i] & 0xC0) != 0x80) {
            ++*column;
        }
    }
}

/* Does line (1-based) start with whitespace containing a tab?  Tabs are the
 * commonest cause of a baffling YAML error, so such errors get a hint. */
static int line_indented_with_tab(const builder *b, size_t line)
{
    size_t i = 0;
    for (size_t l = 1; l < line && i < b->length; i++)
        if (b->text[i] == '\n')
            l++;
    for (; i < b->length && (b->text[i] == ' ' || b->text[i] == '\t'); i++)
        if (b->text[i] == '\t')
            return 1;
    return 0;
}

static int syntax_error(builder *b)
{
    const yaml_parser_t *p = &b->parser;
    if (p->error == YAML_MEMORY_ERROR)
        return nomem(b);
    if (p->error == YAML_READER_ERROR) {
        long line, column;
        offset_position(b, p->problem_offset, &line, &column);
        return lf_error_at(b->err, LF_ERR_CONFIG, b->file, line, column,
                           "cannot read the text: %s; expected UTF-8 text",
                           p->problem ? p->problem : "invalid input");
    }
    char context[160] = "";
    if (p->context)
        snprintf(context, sizeof context, " (%s at line %zu, column %zu)", p->context,
                 p->context_mark.line + 1, p->context_mark.column + 1);
    const char *hint = line_indented_with_tab(b, p->problem_mark.line + 1)
                           ? "; indent with spaces: YAML does not allow tabs"
                           : "; check the indentation, colons and quotes";
    return lf_error_at(b->err, LF_ERR_CONFIG, b->file, (long)p->problem_mark.line + 1,
                       (long)p->problem_mark.column + 1, "YAML syntax error: %s%s%s",
                       p->problem ? p->problem : "malformed YAML", context, hint);
}

static int next_event(builder *b)
{
    if (b->has_event)
        yaml_event_delete(&b->event);
    b->has_event = 0;
    if (!yaml_parser_parse(&b->parser, &b->event))
        return syntax_error(b);
    b->has_event = 1;
    return LF_OK;
}

static long event_line(const builder *b) { return (long)b->event.start_mark.line + 1; }
static long event_column(const builder *b) { return (long)b->event.start_mark.column + 1; }

static int event_error(builder *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static int event_error(builder *b, const char *fmt, ...)
{
    char msg[LF_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return lf_error_at(b->err, LF_ERR_CONFIG, b->file, event_line(b), event_column(b),
                       "%s", msg);
}

/* Anchors, aliases and tags are valid YAML but make a config hard to read
 * (and aliases allow exponential "billion laughs" expansion), so refuse them. */
static int check_plain_event(builder *b, const yaml_char_t *anchor, const yaml_char_t *tag)
{
    if (anchor)
        return event_error(b, "anchors (&%s) are not supported; write the value out "
                              "in full", (const char *)anchor);
    if (tag)
        return event_error(b, "tags (%s) are not supported; write a plain value, "
                              "quoted if it must stay a string", (const char *)tag);
    return LF_OK;
}

static lf_ynode *new_node(builder *b, lf_ynode_kind kind, const lf_ynode *parent,
                          size_t index, const char *key, int is_key)
{
    lf_ynode *n = lf_arena_alloc(b->arena, sizeof *n);
    if (!n)
        return NULL;
    n->kind = kind;
    n->file = b->file;
    n->line = event_line(b);
    n->column = event_column(b);
    n->parent = parent;
    n->index = index;
    n->key = key;
    n->is_key = is_key;
    return n;
}

static int build_node(builder *b, const lf_ynode *parent, size_t index, const char *key,
                      int is_key, int depth, lf_ynode **out);

static int build_scalar(builder *b, const lf_ynode *parent, size_t index,
                        const char *key, int is_key, lf_ynode **out)
{
    const yaml_event_t *e = &b->event;
    int rc = check_plain_event(b, e->data.scalar.anchor, e->data.scalar.tag);
    if (rc != LF_OK)
        return rc;
    size_t len = e->data.scalar.length;
    if (memchr(e->data.scalar.value, '\0', len))
        return event_error(b, "a string contains a NUL character; write text without "
                              "\\0 escapes");
    lf_ynode *n = new_node(b, LF_YSCALAR, parent, index, key, is_key);
    char *text = n ? lf_arena_alloc(b->arena, len + 1) : NULL;
    if (!text)
        return nomem(b);
    memcpy(text, e->data.scalar.value, len);
    n->text = text;
    n->plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    *out = n;
    return LF_OK;
}

static int duplicate_key(builder *b, const lf_ynode *map, const child_cell *head,
                         const lf_ynode *key)
{
    for (const child_cell *c = head; c; c = c->next) {
        if (strcmp(c->key->text, key->text) != 0)
            continue;
        char where[200];
        lf_ynode_path(map, where, sizeof where);
        return lf_error_at(b->err, LF_ERR_CONFIG, b->file, key->line, key->column,
                           "duplicate key '%s' %s%s%s (first given at line %ld, "
                           "column %ld); give each key once",
                           key->text, *where ? "in '" : "at the top level", where,
                           *where ? "'" : "", c->key->line, c->key->column);
    }
    return LF_OK;
}

static int build_pair(builder *b, lf_ynode *map, size_t index, int depth, child_cell *head,
                      child_cell *cell)
{
    yaml_event_type_t t = b->event.type;
    if (t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT)
        return event_error(b, "a mapping key must be a plain string, got %s",
                           t == YAML_SEQUENCE_START_EVENT ? "a list" : "a mapping");
    int rc = build_node(b, map, index, NULL, 1, depth + 1, &cell->key);
    if (rc != LF_OK)
        return rc;
    cell->key->key = cell->key->text;
    rc = duplicate_key(b, map, head, cell->key);
    if (rc == LF_OK)
        rc = next_event(b);
    if (rc == LF_OK)
        rc = build_node(b, map, index, cell->key->text, 0, depth + 1, &cell->value);
    return rc;
}

/* Read the children of a sequence or mapping up to its end event into a list:
 * items for a sequence, key/value pairs for a mapping. */
static int read_children(builder *b, lf_ynode *node, int depth, child_cell **head,
                         size_t *count)
{
    int is_map = node->kind == LF_YMAPPING;
    yaml_event_type_t end = is_map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;
    child_cell **tail = head;
    for (;;) {
        int rc = next_event(b);
        if (rc != LF_OK)
            return rc;
        if (b->event.type == end)
            return LF_OK;
        child_cell *cell = lf_arena_alloc(b->arena, sizeof *cell);
        if (!cell)
            return nomem(b);
        memset(cell, 0, sizeof *cell);
        rc = is_map ? build_pair(b, node, *count, depth, *head, cell)
                    : build_node(b, node, *count, NULL, 0, depth + 1, &cell->value);
        if (rc != LF_OK)
            return rc;
        *tail = cell;
        tail = &cell->next;
        (*count)++;
    }
}

static int build_sequence(builder *b, lf_ynode *seq, int depth)
{
    child_cell *head = NULL;
    size_t count = 0;
    int rc = read_children(b, seq, depth, &head, &count);
    if (rc != LF_OK)
        return rc;
    const lf_ynode **items = lf_arena_alloc(b->arena, (count ? count : 1) * sizeof *items);
    if (!items)
        return nomem(b);
    size_t i = 0;
    for (child_cell *c = head; c; c = c->next)
        items[i++] = c->value;
    seq->items = items;
    seq->count = count;
    return LF_OK;
}

static int build_mapping(builder *b, lf_ynode *map, int depth)
{
    child_cell *head = NULL;
    size_t count = 0;
    int rc = read_children(b, map, depth, &head, &count);
    if (rc != LF_OK)
        return rc;
    lf_ypair *pairs = lf_arena_alloc(b->arena, (count ? count : 1) * sizeof *pairs);
    if (!pairs)
        return nomem(b);
    size_t i = 0;
    for (child_cell *c = head; c; c = c->next, i++) {
        pairs[i].key = c->key;
        pairs[i].value = c->value;
    }
    map->pairs = pairs;
    map->count = count;
    return LF_OK;
}

/* Build the node whose first event is the current one. */
static int build_node(builder *b, const lf_ynode *parent, size_t index, const char *key,
                      int is_key, int depth, lf_ynode **out)
{
    if (depth > LF_YAML_MAX_DEPTH)
        return event_error(b, "nesting is deeper than %d levels; flatten the structure",
                           LF_YAML_MAX_DEPTH);
    const yaml_event_t *e = &b->event;
    switch (e->type) {
    case YAML_SCALAR_EVENT:
        return build_scalar(b, parent, index, key, is_key, out);
    case YAML_ALIAS_EVENT:
        return event_error(b, "aliases (*%s) are not supported; write the value out "
                              "in full", (const char *)e->data.alias.anchor);
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
        int seq = e->type == YAML_SEQUENCE_START_EVENT;
        int rc = seq ? check_plain_event(b, e->data.sequence_start.anchor,
                                         e->data.sequence_start.tag)
                     : check_plain_event(b, e->data.mapping_start.anchor,
                                         e->data.mapping_start.tag);
        if (rc != LF_OK)
            return rc;
        lf_ynode *n = new_node(b, seq ? LF_YSEQUENCE : LF_YMAPPING, parent, index, key,
                               is_key);
        if (!n)
            return nomem(b);
        rc = seq ? build_sequence(b, n, depth) : build_mapping(b, n, depth);
        if (rc == LF_OK)
            *out = n;
        return rc;
    }
    default:
        /* libyaml guarantees well-nested events; anything else is a bug there */
        return event_error(b, "unexpected YAML event; expected a value");
    }
}

/* STREAM-START (DOCUMENT-START node DOCUMENT-END)? STREAM-END, at most one
 * document: a second one is more likely a mistake than an intent. */
static int build_stream(builder *b, const lf_ynode **root)
{
    int rc = next_event(b);
    if (rc == LF_OK)
        rc = next_event(b);
    if (rc != LF_OK || b->event.type == YAML_STREAM_END_EVENT)
        return rc;
    lf_ynode *node = NULL;
    rc = next_event(b);
    if (rc == LF_OK)
        rc = build_node(b, NULL, 0, NULL, 0, 0, &node);
    if (rc == LF_OK)
        rc = next_event(b); /* DOCUMENT-END */
    if (rc == LF_OK)
        rc = next_event(b);
    if (rc == LF_OK && b->event.type != YAML_STREAM_END_EVENT)
        rc = event_error(b, "a second YAML document starts here; a config file holds "
                            "one document");
    if (rc == LF_OK)
        *root = node;
    return rc;
}

int lf_ydoc_load_string(const char *text, size_t length, const char *name,
                        lf_ydoc **out, lf_error *err)
{
    if (!out || (!text && length))
        return lf_error_set(err, LF_ERR_ARG, "lf_ydoc_load_string needs text and out");
    *out = NULL;
    builder b = {.text = text ? text : "", .length = length, .err = err};
    lf_ydoc *doc = calloc(1, sizeof *doc);
    b.arena = doc ? lf_arena_new() : NULL;
    b.file = b.arena ? lf_arena_strdup(b.arena, name ? name : "<string>") : NULL;
    if (!b.file) {
        lf_arena_free(b.arena);
        free(doc);
        return lf_error_set(err, LF_ERR_NOMEM, "out of memory reading YAML");
    }
    doc->arena = b.arena;
    if (!yaml_parser_initialize(&b.parser)) {
        int rc = nomem(&b); /* before the free: the message uses b.file */
        lf_ydoc_free(doc);
        return rc;
    }
    yaml_parser_set_input_string(&b.parser, (const unsigned char *)b.text, length);
    int rc = build_stream(&b, &doc->root);
    if (b.has_event)
        yaml_event_delete(&b.event);
    yaml_parser_delete(&b.parser);
    if (rc != LF_OK) {
        lf_ydoc_free(doc);
        return rc;
    }
    *out = doc;
    return LF_OK;
}

/* The whole file in memory: configs are small, and having the text lets
 * syntax errors point out tab indentation. */
static int read_file(const char *path, char **text, size_t *length, lf_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return lf_error_set(err, LF_ERR_IO, "cannot open %s: %s", path, strerror(errno));
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    int rc = buf ? LF_OK : lf_error_set(err, LF_ERR_NOMEM, "out of memory reading %s", path);
    while (rc == LF_OK) {
        len += fread(buf + len, 1, cap - len, fp);
        if (ferror(fp))
            rc = lf_error_set(err, LF_ERR_IO, "cannot read %s: %s", path, strerror(errno));
        else if (len < cap)
            break;
        else if (cap >= LF_YAML_MAX_FILE)
            rc = lf_error_set(err, LF_ERR_CONFIG, "%s is larger than %u MiB; a config "
                              "file is expected", path, LF_YAML_MAX_FILE >> 20);
        else {
            char *bigger = realloc(buf, 2 * cap);
            if (!bigger)
                rc = lf_error_set(err, LF_ERR_NOMEM, "out of memory reading %s", path);
            else {
                buf = bigger;
                cap *= 2;
            }
        }
    }
    fclose(fp);
    if (rc != LF_OK) {
        free(buf);
        return rc;
    }
    *text = buf;
    *length = len;
    return LF_OK;
}

int lf_ydoc_load_file(const char *path, lf_ydoc **out, lf_error *err)
{
    if (!path || !out)
        return lf_error_set(err, LF_ERR_ARG, "lf_ydoc_load_file needs a path and out");
    *out = NULL;
    char *text = NULL;
    size_t length = 0;
    int rc = read_file(path, &text, &length, err);
    if (rc != LF_OK)
        return rc;
    rc = lf_ydoc_load_string(text, length, path, out, err);
    free(text);
    return rc;
}

void lf_ydoc_free(lf_ydoc *doc)
{
    if (!doc)
        return;
    lf_arena_free(doc->arena);
    free(doc);
}

const lf_ynode *lf_ydoc_root(const lf_ydoc *doc) { return doc ? doc->root : NULL; }

/* ---- naming nodes in messages ------------------------------------------------ */

const char *lf_ynode_kind_name(lf_ynode_kind kind)
{
    switch (kind) {
    case LF_YSCALAR: return "a string";
    case LF_YSEQUENCE: return "a list";
    default: return "a mapping";
    }
}

static void append(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
    if (*len >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *len, size - *len, fmt, ap);
    va_end(ap);
    if (n > 0)
        *len = *len + (size_t)n < size ? *len + (size_t)n : size - 1;
}

static void append_path(const lf_ynode *n, char *buf, size_t size, size_t *len)
{
    if (!n || !n->parent)
        return;
    append_path(n->parent, buf, size, len);
    if (n->is_key)
        return; /* a key is named together with its mapping */
    if (n->key)
        append(buf, size, len, "%s%s", *len ? "." : "", n->key);
    else
        append(buf, size, len, "[%zu]", n->index);
}

void lf_ynode_path(const lf_ynode *node, char *buf, size_t size)
{
    size_t len = 0;
    if (!size)
        return;
    buf[0] = '\0';
    append_path(node, buf, size, &len);
}

void lf_ynode_describe(const lf_ynode *node, char *buf, size_t size)
{
    char where[200];
    if (!node->parent) {
        snprintf(buf, size, "the document");
    } else if (node->key) {
        lf_ynode_path(node->parent, where, sizeof where);
        snprintf(buf, size, "%s'%s'%s%s%s", node->is_key ? "key " : "", node->key,
                 *where ? " in '" : "", where, *where ? "'" : "");
    } else {
        lf_ynode_path(node, where, sizeof where);
        snprintf(buf, size, "'%s'", where);
    }
}

int lf_ynode_relocate(const lf_ynode *node, lf_error *err, const char *prefix)
{
    char inner[LF_ERROR_MESSAGE_MAX]; /* the message is rewritten in place */
    snprintf(inner, sizeof inner, "%s", err ? err->message : "");
    return lf_ynode_error(node, err, LF_ERR_CONFIG, "%s%s", prefix, inner);
}

int lf_ynode_error(const lf_ynode *node, lf_error *err, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    lf_error_vat(err, code, node->file, node->line, node->column, fmt, ap);
    va_end(ap);
    return code;
}

int lf_ynode_is_null(const lf_ynode *node)
{
    if (node->kind != LF_YSCALAR || !node->plain)
        return 0;
    const char *t = node->text;
    return !*t || !strcmp(t, "~") || !strcmp(t, "null") || !strcmp(t, "Null") ||
           !strcmp(t, "NULL");
}

/* What a node holds, for "got ..." */
static void got(const lf_ynode *node, char *buf, size_t size)
{
    if (node->kind != LF_YSCALAR)
        snprintf(buf, size, "%s", lf_ynode_kind_name(node->kind));
    else if (lf_ynode_is_null(node))
        snprintf(buf, size, "no value");
    else
        snprintf(buf, size, "'%.60s%s'", node->text, strlen(node->text) > 60 ? "..." : "");
}

/* "<node> must be <expected>, got <value>" */
static int type_error(const lf_ynode *node, lf_error *err, const char *expected)
{
    char desc[300], value[80];
    lf_ynode_describe(node, desc, sizeof desc);
    got(node, value, sizeof value);
    return lf_ynode_error(node, err, LF_ERR_CONFIG, "%s must be %s, got %s", desc,
                          expected, value);
}

int lf_ynode_expect(const lf_ynode *node, lf_ynode_kind kind, lf_error *err)
{
    if (node->kind == kind && !lf_ynode_is_null(node))
        return LF_OK;
    return type_error(node, err, kind == LF_YSCALAR ? "a value" : lf_ynode_kind_name(kind));
}

/* ---- typed values ------------------------------------------------------------- */

int lf_ynode_string(const lf_ynode *node, const char **out, lf_error *err)
{
    if (node->kind != LF_YSCALAR || lf_ynode_is_null(node) || !*node->text)
        return type_error(node, err, "a non-empty string");
    *out = node->text;
    return LF_OK;
}

/* Whole-text decimal integer; 0 when the text is not one or overflows long. */
static int parse_long(const lf_ynode *node, long *out)
{
    if (node->kind != LF_YSCALAR || !*node->text)
        return 0;
    char *end;
    errno = 0;
    long v = strtol(node->text, &end, 10);
    if (*end || errno == ERANGE || (node->text[0] != '-' && node->text[0] != '+' &&
                                    (node->text[0] < '0' || node->text[0] > '9')))
        return 0;
    *out = v;
    return 1;
}

static int range_error(const lf_ynode *node, lf_error *err, const char *bounds)
{
    char desc[300];
    lf_ynode_describe(node, desc, sizeof desc);
    return lf_ynode_error(node, err, LF_ERR_CONFIG, "%s must be %s, got %s", desc, bounds,
                          node->text);
}

int lf_ynode_int(const lf_ynode *node, int min, int max, int *out, lf_error *err)
{
    long v;
    if (!parse_long(node, &v))
        return type_error(node, err, "an integer");
    if (v < min || v > max) {
        char bounds[80];
        if (min == INT_MIN)
            snprintf(bounds, sizeof bounds, "an integer <= %d", max);
        else if (max == INT_MAX)
            snprintf(bounds, sizeof bounds, "an integer >= %d", min);
        else
            snprintf(bounds, sizeof bounds, "an integer from %d to %d", min, max);
        return range_error(node, err, bounds);
    }
    *out = (int)v;
    return LF_OK;
}

int lf_ynode_int_choice(const lf_ynode *node, const int *choices, size_t nchoices,
                        int *out, lf_error *err)
{
    long v;
    int ok = parse_long(node, &v);
    for (size_t i = 0; ok && i < nchoices; i++) {
        if (choices[i] == v) {
            *out = choices[i];
            return LF_OK;
        }
    }
    char list[200];
    size_t len = 0;
    list[0] = '\0';
    append(list, sizeof list, &len, "one of ");
    for (size_t i = 0; i < nchoices; i++)
        append(list, sizeof list, &len, "%s%d", i ? ", " : "", choices[i]);
    return ok ? range_error(node, err, list) : type_error(node, err, list);
}

int lf_ynode_double(const lf_ynode *node, double min, double max, double *out,
                    lf_error *err)
{
    if (node->kind != LF_YSCALAR || !*node->text)
        return type_error(node, err, "a number");
    char *end;
    double v = strtod(node->text, &end);
    if (*end || !isfinite(v) || end == node->text)
        return type_error(node, err, "a finite number");
    if (v < min || v > max) {
        char bounds[100];
        if (isinf(min))
            snprintf(bounds, sizeof bounds, "a number <= %g", max);
        else if (isinf(max))
            snprintf(bounds, sizeof bounds, "a number >= %g", min);
        else
            snprintf(bounds, sizeof bounds, "a number from %g to %g", min, max);
        return range_error(node, err, bounds);
    }
    *out = v;
    return LF_OK;
}

/* lf_ynode_double knows only closed ranges; MW, kVA and prices that must be
 * above zero need the open one. */
int lf_ynode_positive(const lf_ynode *node, double max, double *out, lf_error *err)
{
    double x;
    int rc = lf_ynode_double(node, -INFINITY, INFINITY, &x, err);
    if (rc != LF_OK)
        return rc;
    if (!(x > 0 && x <= max)) {
        char desc[300], upper[64] = "";
        lf_ynode_describe(node, desc, sizeof desc);
        if (isfinite(max))
            snprintf(upper, sizeof upper, " and at most %g", max);
        return lf_ynode_error(node, err, LF_ERR_CONFIG, "%s must be a number above 0%s, got %s",
                              desc, upper, node->text);
    }
    *out = x;
    return LF_OK;
}

int lf_ynode_text(const lf_ynode *node, char *out, size_t size, lf_error *err)
{
    const char *s = NULL;
    int rc = lf_ynode_string(node, &s, err);
    if (rc != LF_OK)
        return rc;
    size_t n = strlen(s);
    if (n >= size) {
        char desc[300];
        lf_ynode_describe(node, desc, sizeof desc);
        return lf_ynode_error(node, err, LF_ERR_CONFIG, "%s is %zu bytes long; at most %zu fit",
                              desc, n, size - 1);
    }
    memcpy(out, s, n + 1);
    return LF_OK;
}

int lf_ynode_bool(const lf_ynode *node, int *out, lf_error *err)
{
    if (node->kind == LF_YSCALAR) {
        const char *t = node->text;
        if (!strcasecmp(t, "true") || !strcasecmp(t, "yes")) {
            *out = 1;
            return LF_OK;
        }
        if (!strcasecmp(t, "false") || !strcasecmp(t, "no")) {
            *out = 0;
            return LF_OK;
        }
    }
    return type_error(node, err, "true or false (or yes or no)");
}

int lf_ynode_date(const lf_ynode *node, lf_date *out, lf_error *err)
{
    if (node->kind != LF_YSCALAR || lf_ynode_is_null(node))
        return type_error(node, err, "a date like 2024-03-01");
    lf_error sub;
    if (lf_date_parse(node->text, out, &sub) == LF_OK)
        return LF_OK;
    char desc[300];
    lf_ynode_describe(node, desc, sizeof desc);
    return lf_ynode_error(node, err, LF_ERR_CONFIG, "%s: %s", desc, sub.message);
}

int lf_ynode_enum(const lf_ynode *node, const char *const *names, size_t nnames,
                  int *out, lf_error *err)
{
    if (node->kind == LF_YSCALAR) {
        for (size_t i = 0; i < nnames; i++) {
            if (!strcasecmp(node->text, names[i])) {
                *out = (int)i;
                return LF_OK;
            }
        }
    }
    char list[300], hint[120] = "";
    size_t len = 0;
    list[0] = '\0';
    append(list, sizeof list, &len, "one of ");
    for (size_t i = 0; i < nnames; i++)
        append(list, sizeof list, &len, "%s%s", i ? ", " : "", names[i]);
    if (node->kind == LF_YSCALAR)
        lf_suggest_hint(hint, sizeof hint, node->text, names, nnames);
    char desc[300], value[80];
    lf_ynode_describe(node, desc, sizeof desc);
    got(node, value, sizeof value);
    return lf_ynode_error(node, err, LF_ERR_CONFIG, "%s must be %s, got %s%s", desc, list,
                          value, hint);
}

int lf_ynode_string_list(const lf_ynode *node, const char ***out, size_t *count,
                         lf_error *err)
{
    size_t n = node->kind == LF_YSEQUENCE ? node->count : 1;
    if (node->kind == LF_YMAPPING || lf_ynode_is_null(node))
        return type_error(node, err, "a list of strings");
    const char **list = calloc(n + 1, sizeof *list);
    if (!list)
        return lf_ynode_error(node, err, LF_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const lf_ynode *item = node->kind == LF_YSEQUENCE ? node->items[i] : node;
        int rc = lf_ynode_string(item, &list[i], err);
        if (rc != LF_OK) {
            free(list);
            return rc;
        }
    }
    *out = list;
    *count = n;
    return LF_OK;
}

/* ---- mappings ----------------------------------------------------------------- */

static const lf_ypair *find_pair(const lf_ynode *map, const char *key)
{
    if (!map || map->kind != LF_YMAPPING)
        return NULL;
    for (size_t i = 0; i < map->count; i++)
        if (!strcmp(map->pairs[i].key->text, key))
            return &map->pairs[i];
    return NULL;
}

const lf_ynode *lf_ymap_get(const lf_ynode *map, const char *key)
{
    const lf_ypair *p = find_pair(map, key);
    return p ? p->value : NULL;
}

const lf_ynode *lf_ymap_key(const lf_ynode *map, const char *key)
{
    const lf_ypair *p = find_pair(map, key);
    return p ? p->key : NULL;
}

/* " in 'load'" or " at the top level" */
static void mapping_place(const lf_ynode *map, char *buf, size_t size)
{
    char path[200];
    lf_ynode_path(map, path, sizeof path);
    if (*path)
        snprintf(buf, size, " in '%s'", path);
    else
        snprintf(buf, size, " at the top level");
}

static int unknown_key(const lf_ynode *map, const lf_ynode *key, const char *const *allowed,
                       size_t n, lf_error *err)
{
    char place[220], hint[120];
    mapping_place(map, place, sizeof place);
    lf_suggest_hint(hint, sizeof hint, key->text, allowed, n);
    if (*hint)
        return lf_ynode_error(key, err, LF_ERR_CONFIG, "unknown key '%s'%s%s", key->text,
                              place, hint);
    char list[300];
    size_t len = 0;
    list[0] = '\0';
    for (size_t i = 0; i < n && allowed[i]; i++)
        append(list, sizeof list, &len, "%s%s", i ? ", " : "", allowed[i]);
    return lf_ynode_error(key, err, LF_ERR_CONFIG, "unknown key '%s'%s; expected one of: %s",
                          key->text, place, list);
}

int lf_ymap_check_keys(const lf_ynode *map, const char *const *allowed, size_t n,
                       lf_error *err)
{
    for (size_t p = 0; p < map->count; p++) {
        const lf_ynode *key = map->pairs[p].key;
        int known = 0;
        for (size_t i = 0; i < n && allowed[i] && !known; i++)
            known = !strcmp(key->text, allowed[i]);
        if (!known)
            return unknown_key(map, key, allowed, n, err);
    }
    return LF_OK;
}

int lf_ymap_require(const lf_ynode *map, const char *key, lf_error *err)
{
    if (find_pair(map, key))
        return LF_OK;
    char place[220];
    mapping_place(map, place, sizeof place);
    return lf_ynode_error(map, err, LF_ERR_CONFIG, "missing required key '%s'%s", key,
                          place);
}

int lf_ymap_string(const lf_ynode *map, const char *key, const char **out, lf_error *err)
{
    const lf_ynode *v = lf_ymap_get(map, key);
    return v ? lf_ynode_string(v, out, err) : LF_OK;
}

int lf_ymap_int(const lf_ynode *map, const char *key, int min, int max, int *out,
                lf_error *err)
{
    const lf_ynode *v = lf_ymap_get(map, key);
    return v ? lf_ynode_int(v, min, max, out, err) : LF_OK;
}

int lf_ymap_double(const lf_ynode *map, const char *key, double min, double max,
                   double *out, lf_error *err)
{
    const lf_ynode *v = lf_ymap_get(map, key);
    return v ? lf_ynode_double(v, min, max, out, err) : LF_OK;
}

int lf_ymap_bool(const lf_ynode *map, const char *key, int *out, lf_error *err)
{
    const lf_ynode *v = lf_ymap_get(map, key);
    return v ? lf_ynode_bool(v, out, err) : LF_OK;
}

int lf_ymap_date(const lf_ynode *map, const char *key, lf_date *out, lf_error *err)
{
    const lf_ynode *v = lf_ymap_get(map, key);
    return v ? lf_ynode_date(v, out, err) : LF_OK;
}

int lf_ymap_expect_keys(const lf_ynode *map, const char *const *allowed, size_t n,
                        lf_error *err)
{
    int rc = lf_ynode_expect(map, LF_YMAPPING, err);
    return rc == LF_OK ? lf_ymap_check_keys(map, allowed, n, err) : rc;
}

int lf_ymap_expect_required(const lf_ynode *map, const char *const *keys, size_t n,
                            size_t nrequired, lf_error *err)
{
    int rc = lf_ymap_expect_keys(map, keys, n, err);
    for (size_t k = 0; k < nrequired && rc == LF_OK; k++)
        rc = lf_ymap_require(map, keys[k], err);
    return rc;
}

int lf_ymap_enum(const lf_ynode *map, const char *key, const char *const *names,
                 size_t nnames, int *out, lf_error *err)
{
    const lf_ynode *v = lf_ymap_get(map, key);
    return v ? lf_ynode_enum(v, names, nnames, out, err) : LF_OK;
}
