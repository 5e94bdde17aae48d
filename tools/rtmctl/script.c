/*
 * script.c - running commands (script.h), and "echo".
 */
#include "script.h"
#include "commands.h"
#include "linebuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    int (*run)(struct ctl *ctl, int argc, char **argv);
} commands[] = {
    { "load", ctl_cmd_load },   { "add", ctl_cmd_add },         { "delete", ctl_cmd_delete },
    { "show", ctl_cmd_show },   { "lookup", ctl_cmd_lookup },   { "stats", ctl_cmd_stats },
    { "watch", ctl_cmd_watch }, { "changes", ctl_cmd_changes }, { "mgm", ctl_cmd_mgm },
    { "echo", ctl_cmd_echo },   { "help", ctl_cmd_help },
};

int ctl_run_words(struct ctl *ctl, int argc, char **argv)
{
    int result = RTMCTL_USAGE;
    size_t i;

    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[0], commands[i].name))
            break;
    if (i == sizeof commands / sizeof commands[0])
        ctl_error(ctl, "unknown command '%s' (try 'help')", argv[0]);
    else
        result = commands[i].run(ctl, argc, argv);
    fflush(stdout);
    return result;
}

int ctl_cmd_echo(struct ctl *ctl, int argc, char **argv)
{
    (void)ctl;
    for (int i = 1; i < argc; i++)
        printf("%s%s", i > 1 ? " " : "", argv[i]);
    putchar('\n');
    return RTMCTL_OK;
}

/*
 * Splits text (modified in place) into words: runs of non-blanks, or
 * "quoted" text; a word starting with '#' ends the line. Returns the
 * count (words has room for max), or -1 for an unterminated quote.
 */
static int split_words(char *text, char **words, int max)
{
    int count = 0;
    char *p = text;

    for (;;) {
        p += strspn(p, " \t");
        if (!*p || *p == '#')
            return count;
        if (count == max)
            return count;
        if (*p == '"') {
            char *end = strchr(p + 1, '"');
            if (!end)
                return -1;
            words[count++] = p + 1;
            *end = '\0';
            p = end + 1;
        } else {
            words[count++] = p;
            p += strcspn(p, " \t");
            if (*p)
                *p++ = '\0';
        }
    }
}

int ctl_run_line(struct ctl *ctl, const char *line)
{
    size_t len = strlen(line);
    int max = (int)(len / 2 + 1), count, result = RTMCTL_OK;
    char *text = malloc(len + 1), **words = malloc((size_t)max * sizeof *words);

    if (!text || !words) {
        ctl_error(ctl, "out of memory");
        result = RTMCTL_FAILED;
    } else {
        memcpy(text, line, len + 1);
        count = split_words(text, words, max);
        if (count < 0) {
            ctl_error(ctl, "unterminated \" in the command");
            result = RTMCTL_USAGE;
        } else if (count > 0) {
            result = ctl_run_words(ctl, count, words);
        }
    }
    free(text);
    free(words);
    return result;
}

int ctl_run_script(struct ctl *ctl, const char *path)
{
    int use_stdin = !strcmp(path, "-");
    FILE *f = use_stdin ? stdin : fopen(path, "r");
    struct ctl_linebuf buf;
    const char *where = ctl->where;
    unsigned long where_line = ctl->where_line;
    int result = RTMCTL_OK, r;

    if (!f) {
        ctl_error(ctl, "cannot open script %s: %s", path, strerror(errno));
        return RTMCTL_FAILED;
    }
    ctl_linebuf_init(&buf);
    ctl->where = use_stdin ? "stdin" : path;
    while ((r = ctl_linebuf_read(&buf, f)) > 0) {
        ctl->where_line = buf.number;
        r = ctl_run_line(ctl, buf.text);
        if (r > result)
            result = r;
    }
    if (r < 0) {
        ctl_error(ctl, "out of memory");
        result = RTMCTL_FAILED;
    }
    ctl->where = where;
    ctl->where_line = where_line;
    ctl_linebuf_free(&buf);
    if (!use_stdin)
        fclose(f);
    return result;
}
