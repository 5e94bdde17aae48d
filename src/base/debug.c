/*
 * debug.c - RTM_DEBUG (debug.h): the channels, the output, the caller of
 * each thread's API calls, the names and descriptions of objects, and the
 * text of the lines. The leak ledger and report are in debug_leaks.c.
 *
 * The output lock (output_lock) guards the output stream; it is a leaf
 * (rtmv2/table.h) and is held only to write a formatted line.
 */
#if defined(__MINGW32__) && !defined(__USE_MINGW_ANSI_STDIO)
#define __USE_MINGW_ANSI_STDIO 1 /* C99 printf (%llx) in the DLL as natively */
#endif
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "debug.h"

uint32_t rtm_debug_flags;

static rtm_mutex output_lock = RTM_MUTEX_INIT;
static FILE *output;               /* opened by the first line (output lock) */
static int output_closed;          /* unloaded: lines are dropped (output lock) */
static char output_path[1024];     /* RTM_DEBUG_FILE; "" for stderr */
static uint64_t start_ms;          /* rtm_monotonic_ms() at load */

#define MAX_DEPTH 16   /* nested API calls whose caller is remembered */
#define TEXTS 4        /* per-thread text buffers (rtm_debug_text) */

/* What the debug machinery keeps about each thread. */
struct debug_thread {
    HANDLE callers[MAX_DEPTH];     /* caller of each API call in progress */
    unsigned depth;                /* API calls in progress (may exceed MAX_DEPTH) */
    int skip;                      /* the next call is a traced call's body */
    char text[TEXTS][RTM_DEBUG_TEXT_SIZE];
    unsigned next_text;
};

static _Thread_local struct debug_thread self;

/* What each API layer said of its object types (rtm_debug_set_type). */
static struct {
    const char *name;
    rtm_debug_describe_fn describe;
} types[RTM_OBJ_TYPE_LIMIT];

static const struct {
    const char *name;
    uint32_t bits;
} channels[] = {
    { "api", RTM_DEBUG_API },         { "handles", RTM_DEBUG_HANDLES },
    { "locks", RTM_DEBUG_LOCKS },     { "notify", RTM_DEBUG_NOTIFY },
    { "leaks", RTM_DEBUG_LEAKS },     { "all", RTM_DEBUG_ALL },
};

/* ---- output ------------------------------------------------------------ */

static void write_line(const char *channel, const char *fmt, va_list ap)
{
    char line[1024];
    uint64_t ms = rtm_monotonic_ms() - start_ms;
    int n = snprintf(line, sizeof line, "rtm: %lu.%03u [%lu] %s: ", (unsigned long)(ms / 1000),
                     (unsigned)(ms % 1000), (unsigned long)rtm_thread_id(), channel);
    size_t len;

    if (n < 0 || (size_t)n >= sizeof line - 2)
        return;
    vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
    len = strlen(line);
    line[len] = '\n';
    line[len + 1] = '\0';

    rtm_mutex_lock(&output_lock);
    if (!output && !output_closed && output_path[0])
        output = fopen(output_path, "w");
    if (!output && !output_closed)
        output = stderr;
    if (output) {
        fputs(line, output);
        fflush(output);
    }
    rtm_mutex_unlock(&output_lock);
}

void rtm_debug_line(const char *channel, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    write_line(channel, fmt, ap);
    va_end(ap);
}

/* ---- loading and unloading ---------------------------------------------- */

/* Nonzero if the n characters at s name channel c (case-insensitively). */
static int names(const char *s, size_t n, const char *c)
{
    if (strlen(c) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((s[i] | 0x20) != c[i])
            return 0;
    return 1;
}

void rtm_debug_init(void)
{
    static const char separators[] = " ,;:|\t";
    char spec[256], unknown[256] = "";
    uint32_t flags = 0;

    if (!rtm_getenv("RTM_DEBUG", spec, sizeof spec))
        return;
    for (const char *p = spec + strspn(spec, separators); *p; p += strspn(p, separators)) {
        size_t n = strcspn(p, separators), i;
        for (i = 0; i < sizeof channels / sizeof channels[0]; i++)
            if (names(p, n, channels[i].name))
                break;
        if (i < sizeof channels / sizeof channels[0])
            flags |= channels[i].bits;
        else if (strlen(unknown) + n + 3 < sizeof unknown)
            snprintf(unknown + strlen(unknown), sizeof unknown - strlen(unknown), "%s%.*s",
                     unknown[0] ? ", " : "", (int)n, p);
        p += n;
    }
    rtm_getenv("RTM_DEBUG_FILE", output_path, sizeof output_path);
    start_ms = rtm_monotonic_ms();
    rtm_debug_flags = flags;
    if (unknown[0])
        rtm_debug_line("debug", "RTM_DEBUG: unknown channel(s) %s (known: api, handles, locks, "
                       "notify, leaks, all)", unknown);
}

void rtm_debug_shutdown(void)
{
    rtm_debug_ledger_clear();
    rtm_mutex_lock(&output_lock);
    if (output && output != stderr)
        fclose(output);
    output = NULL;
    output_closed = 1; /* a late line must not empty the file again */
    rtm_mutex_unlock(&output_lock);
}

/* ---- API calls ------------------------------------------------------------ */

int rtm_debug_call_begin(const char *name, int has_reg, HANDLE reg, const char *fmt, ...)
{
    struct debug_thread *t = &self;

    if (t->skip) {
        t->skip = 0; /* the traced call's own body runs */
        return 0;
    }
    if (t->depth < MAX_DEPTH)
        t->callers[t->depth] = reg;
    t->depth++;
    if (rtm_debug_flags & RTM_DEBUG_API) {
        char args[768];
        va_list ap;

        va_start(ap, fmt);
        vsnprintf(args, sizeof args, fmt, ap);
        va_end(ap);
        if (has_reg)
            rtm_debug_line("api", "%s(reg %#llx%s%s)", name, RTM_DEBUG_H(reg), args[0] ? ", " : "",
                           args);
        else
            rtm_debug_line("api", "%s(%s)", name, args);
    }
    t->skip = 1;
    return 1;
}

DWORD rtm_debug_call_end(const char *name, DWORD status)
{
    self.depth--;
    if (rtm_debug_flags & RTM_DEBUG_API)
        rtm_debug_line("api", "%s -> %s", name, rtm_debug_status(status));
    return status;
}

uintptr_t rtm_debug_call_end_value(const char *name, uintptr_t value)
{
    DWORD error = rtm_get_last_error();

    self.depth--;
    if (rtm_debug_flags & RTM_DEBUG_API)
        rtm_debug_line("api", "%s -> %#llx (last error %s)", name, RTM_DEBUG_H(value),
                       rtm_debug_status(error));
    rtm_set_last_error(error);
    return value;
}

HANDLE rtm_debug_caller(void)
{
    const struct debug_thread *t = &self;

    if (!t->depth)
        return NULL;
    return t->callers[(t->depth < MAX_DEPTH ? t->depth : MAX_DEPTH) - 1];
}

/* ---- text ------------------------------------------------------------------ */

char *rtm_debug_text(void)
{
    struct debug_thread *t = &self;

    return t->text[t->next_text++ % TEXTS];
}

void rtm_debug_set_type(rtm_object_type type, const char *name, rtm_debug_describe_fn describe)
{
    if (type < RTM_OBJ_TYPE_LIMIT) {
        types[type].name = name;
        types[type].describe = describe;
    }
}

const char *rtm_debug_type(rtm_object_type type)
{
    return type < RTM_OBJ_TYPE_LIMIT && types[type].name ? types[type].name : "handle";
}

const char *rtm_debug_describe(const struct rtm_object *obj)
{
    return obj->type < RTM_OBJ_TYPE_LIMIT && types[obj->type].describe
               ? types[obj->type].describe(obj)
               : "";
}

const char *rtm_debug_status(DWORD status)
{
    static const struct {
        DWORD code;
        const char *name;
    } codes[] = {
        { NO_ERROR, "NO_ERROR" },
        { ERROR_ACCESS_DENIED, "ERROR_ACCESS_DENIED" },
        { ERROR_INVALID_HANDLE, "ERROR_INVALID_HANDLE" },
        { ERROR_NOT_ENOUGH_MEMORY, "ERROR_NOT_ENOUGH_MEMORY" },
        { ERROR_INVALID_DATA, "ERROR_INVALID_DATA" },
        { ERROR_NOT_SUPPORTED, "ERROR_NOT_SUPPORTED" },
        { ERROR_INVALID_PARAMETER, "ERROR_INVALID_PARAMETER" },
        { ERROR_CALL_NOT_IMPLEMENTED, "ERROR_CALL_NOT_IMPLEMENTED" },
        { ERROR_INSUFFICIENT_BUFFER, "ERROR_INSUFFICIENT_BUFFER" },
        { ERROR_ALREADY_EXISTS, "ERROR_ALREADY_EXISTS" },
        { ERROR_NO_MORE_ITEMS, "ERROR_NO_MORE_ITEMS" },
        { ERROR_NOT_FOUND, "ERROR_NOT_FOUND" },
        { ERROR_NO_SYSTEM_RESOURCES, "ERROR_NO_SYSTEM_RESOURCES" },
    };
    char *s;

    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (codes[i].code == status)
            return codes[i].name;
    s = rtm_debug_text();
    snprintf(s, RTM_DEBUG_TEXT_SIZE, "%lu", (unsigned long)status);
    return s;
}
