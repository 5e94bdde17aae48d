/*
 * columns.h - aligned text tables: cells are collected, then printed with
 * each column as wide as its widest cell, two spaces apart, a header line
 * first.
 */
#ifndef RTMCTL_COLUMNS_H
#define RTMCTL_COLUMNS_H

#include <stddef.h>

#define RTMCTL_TABLE_MAX_COLUMNS 12

struct ctl_table {
    int columns;
    const char *headers[RTMCTL_TABLE_MAX_COLUMNS];
    int right[RTMCTL_TABLE_MAX_COLUMNS]; /* right-aligned (numbers) */
    char *text;                          /* the cells, each NUL-ended */
    size_t text_len, text_size;
    size_t *cells; /* offsets in text, row by row */
    size_t cell_count, cell_size;
    int failed; /* out of memory: cells dropped */
};

/*
 * A table with the columns of spec: headers separated by '|'; a header
 * starting with '>' is right-aligned (the '>' is not shown). The spec
 * string must outlive the table. Example: "Prefix|>Routes|Best route".
 */
void ctl_table_init(struct ctl_table *t, char *spec);

/* The next cell (rows are filled left to right, top to bottom). */
void ctl_table_add(struct ctl_table *t, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Fills the rest of the current row with empty cells. */
void ctl_table_end_row(struct ctl_table *t);

/* Prints the header and the rows, each line starting with indent (nothing
 * at all when there are no rows), and frees the table. */
void ctl_table_print(struct ctl_table *t, const char *indent);

#endif /* RTMCTL_COLUMNS_H */
