/*
 * linebuf.c - reading lines (linebuf.h).
 */
#include "linebuf.h"

#include <stdlib.h>
#include <string.h>

void ctl_linebuf_init(struct ctl_linebuf *buf)
{
    memset(buf, 0, sizeof *buf);
}

int ctl_linebuf_read(struct ctl_linebuf *buf, FILE *f)
{
    size_t len = 0;

    if (!buf->text) {
        buf->size = 256;
        buf->text = malloc(buf->size);
        if (!buf->text)
            return -1;
    }
    /* fgets chunks until the line end (or the end of the file). */
    for (;;) {
        if (!fgets(buf->text + len, (int)(buf->size - len), f)) {
            if (len == 0)
                return 0;
            break;
        }
        len += strlen(buf->text + len);
        if (len > 0 && buf->text[len - 1] == '\n')
            break;
        if (len + 1 < buf->size)
            continue; /* a NUL byte in the line, or the last line */
        char *bigger = realloc(buf->text, buf->size * 2);
        if (!bigger)
            return -1;
        buf->text = bigger;
        buf->size *= 2;
    }
    while (len > 0 && (buf->text[len - 1] == '\n' || buf->text[len - 1] == '\r'))
        buf->text[--len] = '\0';
    buf->number++;
    return 1;
}

void ctl_linebuf_free(struct ctl_linebuf *buf)
{
    free(buf->text);
    ctl_linebuf_init(buf);
}
