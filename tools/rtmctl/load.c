/*
 * load.c - "load [OPTIONS] FILE [[OPTIONS] FILE]...": each file becomes
 * the routes of one protocol entity (entity_opts.h; the options before a
 * file apply to it alone). "-" is stdin (named "stdin" in messages).
 *
 * Lines are parsed one by one (parse.h) and added through insert.h. A bad
 * line is reported as "FILE:LINE: message" on stderr (the first
 * MAX_REPORTED of a file) and skipped; the rest still loads, and the
 * summary counts them (the command then fails). A load that takes more than
 * a second prints a progress line to stderr every second.
 */
#include "commands.h"
#include "entity_opts.h"
#include "insert.h"
#include "linebuf.h"
#include "sysinfo.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_REPORTED 20

struct loader {
    struct ctl *ctl;
    const char *path;
    struct ctl_insert insert;
    struct ctl_line *line, *pending; /* pending: the route waiting for more
                                        "nexthop" lines (ip format) */
    int has_pending;
    unsigned long pending_number; /* its line number */
    unsigned long bad;
    double start, last_progress;
    long size; /* of the file, for the progress line */
};

static void bad_line(struct loader *ld, unsigned long number, const char *message)
{
    if (++ld->bad <= MAX_REPORTED) {
        fflush(stdout);
        fprintf(stderr, "%s:%lu: %s\n", ld->path, number, message);
    } else if (ld->bad == MAX_REPORTED + 1) {
        fflush(stdout);
        fprintf(stderr, "%s: more bad lines not shown\n", ld->path);
    }
}

/* Adds the pending route, if any. */
static void flush_pending(struct loader *ld)
{
    char error[RTMCTL_ERROR_MAX];

    if (ld->has_pending && ctl_insert_line(&ld->insert, ld->pending, error) != RTMCTL_OK)
        bad_line(ld, ld->pending_number, error);
    ld->has_pending = 0;
}

/* A "nexthop" line: one more next hop for the pending route. */
static void add_nexthop(struct loader *ld, unsigned long number)
{
    struct ctl_line *route = ld->pending;
    char message[RTMCTL_ERROR_MAX];

    if (!ld->has_pending) {
        bad_line(ld, number, "'nexthop' without a route before it");
    } else if (route->hop_count == RTMCTL_MAX_HOPS) {
        snprintf(message, sizeof message, "more than %d next hops (the most a route can have)",
                 RTMCTL_MAX_HOPS);
        bad_line(ld, number, message);
    } else if (ld->line->family != route->family) {
        bad_line(ld, number, "'nexthop' of another family than its route");
    } else {
        route->hops[route->hop_count++] = ld->line->hops[0];
    }
}

static void progress(struct loader *ld, FILE *f, unsigned long lines)
{
    double now = ctl_now();
    long at;

    if (now - ld->start < 1.0 || now - ld->last_progress < 1.0)
        return;
    ld->last_progress = now;
    at = ftell(f);
    fflush(stdout);
    if (ld->size > 0 && at >= 0)
        fprintf(stderr, "load: %s: %lu lines, %d%%\n", ld->path, lines,
                (int)((double)at * 100.0 / (double)ld->size));
    else
        fprintf(stderr, "load: %s: %lu lines\n", ld->path, lines);
}

/* Nonzero if the line is empty or a comment. */
static int is_blank(const char *line)
{
    line += strspn(line, " \t");
    return *line == '\0' || *line == '#';
}

/* Reads the lines of f into the loader's entity. Returns RTMCTL_OK or
 * RTMCTL_FAILED (out of memory). */
static int read_lines(struct loader *ld, FILE *f, enum ctl_format *format, struct ctl_linebuf *buf)
{
    int family = RTMCTL_IPV4, r;

    while ((r = ctl_linebuf_read(buf, f)) > 0) {
        if ((buf->number & 4095) == 0)
            progress(ld, f, buf->number);
        if (*format == RTMCTL_FORMAT_AUTO) {
            if (is_blank(buf->text))
                continue;
            *format = ctl_detect_format(buf->text);
        }
        switch (ctl_parse_line(*format, buf->text, family, ld->line)) {
        case RTMCTL_LINE_BLANK:
            break;
        case RTMCTL_LINE_ERROR:
            flush_pending(ld); /* later "nexthop" lines are not its */
            bad_line(ld, buf->number, ld->line->error);
            break;
        case RTMCTL_LINE_NEXTHOP:
            add_nexthop(ld, buf->number);
            break;
        case RTMCTL_LINE_ROUTE: {
            struct ctl_line *t = ld->pending;
            flush_pending(ld);
            ld->pending = ld->line;
            ld->line = t;
            ld->has_pending = 1;
            ld->pending_number = buf->number;
            family = ld->pending->family;
            break;
        }
        }
    }
    flush_pending(ld);
    if (r < 0) {
        ctl_error(ld->ctl, "load: %s: out of memory", ld->path);
        return RTMCTL_FAILED;
    }
    return RTMCTL_OK;
}

/* The name of an entity loaded from path: its file name without the
 * directory and the extension. */
static void default_name(const char *path, char *name)
{
    const char *base = path, *dot;

    for (const char *p = path; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    dot = strrchr(base, '.');
    snprintf(name, RTMCTL_NAME_MAX, "%.*s",
             (int)(dot && dot > base ? dot - base : (long)strlen(base)), base);
}

/* Adds path to the entity's list of files; "..." stands for those that do
 * not fit. */
static void add_source(struct ctl_entity *e, const char *path)
{
    size_t len = strlen(e->source);

    if (len + strlen(path) + 3 < sizeof e->source)
        snprintf(e->source + len, sizeof e->source - len, "%s%s", len ? ", " : "", path);
    else if (len + 5 < sizeof e->source && (len < 3 || strcmp(e->source + len - 3, "...")))
        strcat(e->source, len ? ", ..." : "...");
}

static int load_file(struct ctl *ctl, const struct ctl_entity_opts *opts, const char *path)
{
    struct loader ld;
    struct ctl_linebuf buf;
    struct ctl_entity *e;
    enum ctl_format format = opts->format;
    char name[RTMCTL_NAME_MAX], views[16];
    int result, use_stdin = !strcmp(path, "-");
    FILE *f = use_stdin ? stdin : fopen(path, "rb");

    if (use_stdin)
        path = "stdin";
    if (!f) {
        ctl_error(ctl, "load: cannot open %s: %s", path, strerror(errno));
        return RTMCTL_FAILED;
    }
    default_name(path, name);
    e = ctl_entity_open(ctl, "load", opts, name);
    memset(&ld, 0, sizeof ld);
    ld.line = malloc(sizeof *ld.line);
    ld.pending = malloc(sizeof *ld.pending);
    if (!e || !ld.line || !ld.pending) {
        if (e)
            ctl_error(ctl, "load: out of memory");
        free(ld.line);
        free(ld.pending);
        if (!use_stdin)
            fclose(f);
        return RTMCTL_FAILED;
    }
    ld.ctl = ctl;
    ld.path = path;
    ld.start = ld.last_progress = ctl_now();
    if (!use_stdin && fseek(f, 0, SEEK_END) == 0) {
        ld.size = ftell(f);
        rewind(f);
    }
    ctl_linebuf_init(&buf);
    ctl_insert_begin(&ld.insert, ctl, e);

    result = read_lines(&ld, f, &format, &buf);

    ctl_insert_end(&ld.insert);
    e->load_seconds += ctl_now() - ld.start;
    e->format = format;
    add_source(e, path);
    printf("%s -> entity %u %s (%s format, preference %u, views %s)\n", path, (unsigned)e->id,
           e->name, ctl_format_name(format), (unsigned)e->pref, ctl_views_text(e->views, views));
    printf("  %lu lines, %lu routes added, %lu replaced, %lu bad lines, %.2f s\n", buf.number,
           ld.insert.added, ld.insert.replaced, ld.bad, ctl_now() - ld.start);
    ctl_linebuf_free(&buf);
    free(ld.line);
    free(ld.pending);
    if (!use_stdin)
        fclose(f);
    return result != RTMCTL_OK || ld.bad ? RTMCTL_FAILED : RTMCTL_OK;
}

int ctl_cmd_load(struct ctl *ctl, int argc, char **argv)
{
    struct ctl_entity_opts *opts = malloc((size_t)argc * sizeof *opts);
    int i = 1, files = 0, result = RTMCTL_OK;
    char **paths = malloc((size_t)argc * sizeof *paths);

    if (!opts || !paths) {
        ctl_error(ctl, "load: out of memory");
        result = RTMCTL_FAILED;
    }
    /* Every option is checked before anything loads. */
    while (result == RTMCTL_OK && i < argc) {
        ctl_entity_opts_init(&opts[files]);
        if (ctl_entity_opts_parse(ctl, "load", argc, argv, &i, 1, &opts[files]) != RTMCTL_OK)
            result = RTMCTL_USAGE;
        else if (i < argc)
            paths[files++] = argv[i++];
    }
    if (result == RTMCTL_OK && (files == 0 || paths[files - 1] != argv[argc - 1])) {
        ctl_error(ctl, "load: %s (load [OPTIONS] FILE...)",
                  argc == 1 ? "which file?" : "options without a file after them");
        result = RTMCTL_USAGE;
    }
    for (int f = 0; result != RTMCTL_USAGE && f < files; f++) {
        int r = load_file(ctl, &opts[f], paths[f]);
        if (r > result)
            result = r;
    }
    free(opts);
    free(paths);
    return result;
}
