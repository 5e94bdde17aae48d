/*
 * columns.c - aligned tables (columns.h).
 */
#include "columns.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ctl_table_init(struct ctl_table *t, char *spec)
{
    memset(t, 0, sizeof *t);
    for (char *h = spec; h && t->columns < RTMCTL_TABLE_MAX_COLUMNS; t->columns++) {
        char *bar = strchr(h, '|');
        if (bar)
            *bar = '\0';
        t->right[t->columns] = *h == '>';
        t->headers[t->columns] = h + (*h == '>');
        h = bar ? bar + 1 : NULL;
    }
}

/* p (size units of unit bytes) grown to hold need units: the same or a new
 * pointer, or NULL (p unchanged) when out of memory. */
static void *grow(void *p, size_t *size, size_t need, size_t unit)
{
    size_t n = *size ? *size : 1024;

    if (need <= *size)
        return p;
    while (n < need)
        n *= 2;
    p = realloc(p, n * unit);
    if (p)
        *size = n;
    return p;
}

void ctl_table_add(struct ctl_table *t, const char *fmt, ...)
{
    char cell[256], *text;
    size_t *cells;
    va_list ap;
    size_t len;

    va_start(ap, fmt);
    vsnprintf(cell, sizeof cell, fmt, ap);
    va_end(ap);
    len = strlen(cell) + 1;
    if (t->failed)
        return;
    text = grow(t->text, &t->text_size, t->text_len + len, 1);
    if (text)
        t->text = text;
    cells = grow(t->cells, &t->cell_size, t->cell_count + 1, sizeof *t->cells);
    if (cells)
        t->cells = cells;
    if (!text || !cells) {
        t->failed = 1;
        return;
    }
    memcpy(t->text + t->text_len, cell, len);
    t->cells[t->cell_count++] = t->text_len;
    t->text_len += len;
}

void ctl_table_end_row(struct ctl_table *t)
{
    while (t->columns && !t->failed && t->cell_count % (size_t)t->columns)
        ctl_table_add(t, "%s", "");
}

/* Number of complete rows. */
static size_t table_rows(const struct ctl_table *t)
{
    return t->columns ? t->cell_count / (size_t)t->columns : 0;
}

/* Prints one line of cells (widths given), trailing blanks trimmed. */
static void print_line(const struct ctl_table *t, const char *indent, const char *const *cells,
                       const size_t *widths)
{
    int last = t->columns - 1;

    while (last > 0 && !*cells[last])
        last--;
    fputs(indent, stdout);
    for (int c = 0; c <= last; c++) {
        int pad = (int)(widths[c] - strlen(cells[c]));
        if (c > 0)
            fputs("  ", stdout);
        if (t->right[c])
            printf("%*s%s", pad, "", cells[c]);
        else
            printf("%s%*s", cells[c], c == last ? 0 : pad, "");
    }
    fputc('\n', stdout);
}

void ctl_table_print(struct ctl_table *t, const char *indent)
{
    size_t widths[RTMCTL_TABLE_MAX_COLUMNS];
    const char *cells[RTMCTL_TABLE_MAX_COLUMNS];
    size_t rows = table_rows(t);

    for (int c = 0; c < t->columns; c++)
        widths[c] = strlen(t->headers[c]);
    for (size_t i = 0; i < rows * (size_t)t->columns; i++) {
        size_t len = strlen(t->text + t->cells[i]);
        if (len > widths[i % (size_t)t->columns])
            widths[i % (size_t)t->columns] = len;
    }
    if (rows)
        print_line(t, indent, t->headers, widths);
    for (size_t r = 0; r < rows; r++) {
        for (int c = 0; c < t->columns; c++)
            cells[c] = t->text + t->cells[r * (size_t)t->columns + (size_t)c];
        print_line(t, indent, cells, widths);
    }
    if (t->failed)
        printf("%s(out of memory: rows missing)\n", indent);
    free(t->text);
    free(t->cells);
    memset(t, 0, sizeof *t);
}
