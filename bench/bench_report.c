/*
 * bench_report.c - the output lines of rtm_bench (format in bench.h).
 */
#include <stdarg.h>
#include <stdio.h>

#include "bench.h"

static void vreport(const char *impl, const char *op, double value, const char *unit,
                    const char *fmt, va_list ap)
{
    printf("%-8s %-22s %14.1f %-10s", impl, op, value, unit);
    if (fmt) {
        putchar(' ');
        vprintf(fmt, ap);
    }
    putchar('\n');
    fflush(stdout);
}

void bench_report(const char *impl, const char *op, double value, const char *unit,
                  const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(impl, op, value, unit, fmt, ap);
    va_end(ap);
}

void bench_report_time(const char *impl, const char *op, size_t count, double ns)
{
    bench_report(impl, op, count ? ns / (double)count : 0.0, "ns/op", "n=%zu ms=%.1f", count,
                 ns / 1e6);
}

void bench_report_memory(const char *impl, const char *op, const char *unit, size_t count,
                         const struct bench_memory *before, const struct bench_memory *after)
{
    double peak = (double)after->peak - (double)before->peak;
    double current = (double)after->current - (double)before->current;
    char unit_text[32];

    snprintf(unit_text, sizeof unit_text, "B/%s", unit);
    bench_report(impl, op, count ? peak / (double)count : 0.0, unit_text,
                 "n=%zu peak+=%.1fMiB current+=%.1fMiB (%.1f B/%s) peak=%.1fMiB", count,
                 peak / 1048576.0, current / 1048576.0, count ? current / (double)count : 0.0,
                 unit, (double)after->peak / 1048576.0);
}
