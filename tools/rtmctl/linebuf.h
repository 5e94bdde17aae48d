/*
 * linebuf.h - reads text lines of any length, from files with LF or CRLF
 * line ends (Windows and Unix alike).
 */
#ifndef RTMCTL_LINEBUF_H
#define RTMCTL_LINEBUF_H

#include <stdio.h>

struct ctl_linebuf {
    char *text;           /* the last line read, without its line end */
    size_t size;          /* bytes allocated */
    unsigned long number; /* its line number, from 1 */
};

/* An empty buffer. */
void ctl_linebuf_init(struct ctl_linebuf *buf);

/* Reads the next line of f into buf->text. Returns 1, 0 at the end of the
 * file, or -1 when out of memory. */
int ctl_linebuf_read(struct ctl_linebuf *buf, FILE *f);

/* Frees the buffer. */
void ctl_linebuf_free(struct ctl_linebuf *buf);

#endif /* RTMCTL_LINEBUF_H */
