/*
 * debug.h - RTM_DEBUG diagnostics: tracing by channel and the report of the
 * handles a caller still holds when it goes away (docs/diagnostics.md).
 * This is the part every API layer shares; what the lines say about an
 * API's own objects (a destination's prefix, an entity's protocol) comes
 * from that layer (rtmv2/debug_objects.h), which names its types and
 * describes its objects here with rtm_debug_set_type.
 *
 * RTM_DEBUG, read once when the library is loaded (rtm_debug_init), lists
 * channels separated by commas (or spaces, semicolons, colons, '|'):
 *   api      every export: its name and key arguments, then its return code
 *   handles  every client reference given or released (RtmReferenceHandles,
 *            handles returned alone or inside information structures, the
 *            Release* functions, ...), with the caller whose call it was
 *   locks    client locks and unlocks of destinations, routes, next hops
 *   notify   changes queued for change-notification registrations, and the
 *            event callbacks called (with their result)
 *   leaks    when a caller goes away (RtmDeregisterEntity), the handles it
 *            still holds
 *   all      every channel
 * Lines go to stderr, or to the file RTM_DEBUG_FILE names (created or
 * truncated by the first line), one per event:
 *   rtm: <seconds since load>.<ms> [<thread id>] <channel>: <text>
 *
 * Cost when RTM_DEBUG is unset: rtm_debug_flags is 0 and never changes;
 * every hook is one test of it, predicted not taken, before any argument
 * is evaluated or formatted.
 *
 * Locks: the output lock (debug.c) and the ledger lock (debug_leaks.c) are
 * leaves of every lock order (rtmv2/table.h): taken under any lock, never
 * together, and nothing else is taken (no object is freed) while one is
 * held. The hooks may thus run anywhere, also under the library's locks.
 */
#ifndef RTM_DEBUG_MODULE_H
#define RTM_DEBUG_MODULE_H

#include <stdint.h>

#include "handle.h"

/* Channels: bits of rtm_debug_flags. */
#define RTM_DEBUG_API 0x01u
#define RTM_DEBUG_HANDLES 0x02u
#define RTM_DEBUG_LOCKS 0x04u
#define RTM_DEBUG_NOTIFY 0x08u
#define RTM_DEBUG_LEAKS 0x10u
#define RTM_DEBUG_ALL 0x1Fu

/* The channels RTM_DEBUG enabled; set by rtm_debug_init, before any other
 * thread can use the library, and constant afterwards. Hidden (natively):
 * read directly, not through the global offset table. */
#if defined(__GNUC__) && !defined(_WIN32)
extern uint32_t rtm_debug_flags __attribute__((visibility("hidden")));
#else
extern uint32_t rtm_debug_flags;
#endif

#if defined(__GNUC__)
#define RTM_DEBUG_ON(mask) __builtin_expect((rtm_debug_flags & (mask)) != 0, 0)
#else
#define RTM_DEBUG_ON(mask) ((rtm_debug_flags & (mask)) != 0)
#endif

#if defined(__MINGW32__)
#define RTM_DEBUG_PRINTF(f, a) __attribute__((format(gnu_printf, f, a)))
#elif defined(__GNUC__)
#define RTM_DEBUG_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define RTM_DEBUG_PRINTF(f, a)
#endif

/* A handle (or pointer) as an argument for "%#llx"; a number for "%u". */
#define RTM_DEBUG_H(h) ((unsigned long long)(uintptr_t)(h))
#define RTM_DEBUG_U(x) ((unsigned)(x))

/*
 * RTM_DEBUG_API_ENTRY(fn, reg, args, fmt, ...) - the FIRST statement of
 * every export (before any declaration that calls into the library, whose
 * effects would otherwise happen twice).
 *   fn    the export itself
 *   reg   the caller's registration handle (RTMv2's RtmRegHandle)
 *   args  the export's parameters in parentheses: (a, b, c)
 *   fmt, ... a printf format of its other key arguments, and their values
 * When any channel is on, the export calls itself once more, between an
 * "api" line with its arguments ("fn(reg 0x..., <fmt>)") and one with its
 * return code, with reg as the caller of what happens inside
 * (handles, locks, the leak ledger). The inner call runs the body:
 * rtm_debug_call_begin returns 0 for it. RTM_DEBUG_API_ENTRY_NOREG is the
 * same for the exports that take no registration handle.
 */
#define RTM_DEBUG_API_ENTRY(fn, reg, args, ...)                                              \
    if (RTM_DEBUG_ON(RTM_DEBUG_ALL) && rtm_debug_call_begin(#fn, 1, (reg), __VA_ARGS__))   \
        return rtm_debug_call_end(#fn, fn args)
#define RTM_DEBUG_API_ENTRY_NOREG(fn, args, ...)                                             \
    if (RTM_DEBUG_ON(RTM_DEBUG_ALL) && rtm_debug_call_begin(#fn, 0, NULL, __VA_ARGS__))    \
        return rtm_debug_call_end(#fn, fn args)

/*
 * RTM_DEBUG_API_ENTRY_VALUE(type, fn, args, fmt, ...) - RTM_DEBUG_API_ENTRY_NOREG
 * for the exports that return a value of the given type (a HANDLE, a BOOL,
 * a count) instead of a status: the last line shows the value and the
 * thread's last error.
 */
#define RTM_DEBUG_API_ENTRY_VALUE(type, fn, args, ...)                                       \
    if (RTM_DEBUG_ON(RTM_DEBUG_ALL) && rtm_debug_call_begin(#fn, 0, NULL, __VA_ARGS__))    \
        return (type)rtm_debug_call_end_value(#fn, (uintptr_t)(fn args))

/* A client reference on the object of handle h (of the given type) given
 * (delta +1) or released (-1). */
#define RTM_DEBUG_CLIENT_REF(h, type, delta)                                                 \
    do {                                                                                   \
        if (RTM_DEBUG_ON(RTM_DEBUG_HANDLES | RTM_DEBUG_LEAKS))                             \
            rtm_debug_client_ref((h), (type), (delta));                                    \
    } while (0)

/* Reads RTM_DEBUG and RTM_DEBUG_FILE (library load: DllMain, or the shared
 * object's constructor); no other thread may use the library yet. */
void rtm_debug_init(void);

/* Closes the output and frees the leak ledger (library unload). */
void rtm_debug_shutdown(void);

/* The hooks behind the macros above; call them only through the macros. */
int rtm_debug_call_begin(const char *name, int has_reg, HANDLE reg, const char *fmt, ...)
    RTM_DEBUG_PRINTF(4, 5);
DWORD rtm_debug_call_end(const char *name, DWORD status);
uintptr_t rtm_debug_call_end_value(const char *name, uintptr_t value);
void rtm_debug_client_ref(rtm_handle h, rtm_object_type type, int delta);

/*
 * The "leaks" channel's report when the caller whose handle is holder's
 * goes away (event: "deregistered", say): the handles given in its calls
 * and not released, one line each. Takes them off the ledger.
 */
void rtm_debug_leak_report(const struct rtm_object *holder, const char *event);

/* Forgets every entry of the leak ledger (library unload). */
void rtm_debug_ledger_clear(void);

/* Writes one line on channel (printf format). */
void rtm_debug_line(const char *channel, const char *fmt, ...) RTM_DEBUG_PRINTF(2, 3);

/* The registration handle of the API call the calling thread is in (NULL:
 * none). */
HANDLE rtm_debug_caller(void);

/*
 * Objects in the lines. Each API layer, when the library is loaded (before
 * any other thread can use it), names its object types and gives each a
 * function that describes a live object the caller references in a few
 * words (a destination's prefix, a next hop's address and interface),
 * written into rtm_debug_text() or a constant string.
 */
typedef const char *(*rtm_debug_describe_fn)(const struct rtm_object *obj);
void rtm_debug_set_type(rtm_object_type type, const char *name, rtm_debug_describe_fn describe);

/* Text for the lines: an object type's name ("next hop"; "handle" for one
 * no layer named), a description of a live object the caller references
 * ("" when its layer gives none), a Win32 status code ("ERROR_NOT_FOUND",
 * or its number). The strings live in a small ring of per-thread buffers
 * of RTM_DEBUG_TEXT_SIZE bytes, which rtm_debug_text() hands out: valid
 * until the same thread has formatted a few more. */
#define RTM_DEBUG_TEXT_SIZE 96
const char *rtm_debug_type(rtm_object_type type);
const char *rtm_debug_describe(const struct rtm_object *obj);
const char *rtm_debug_status(DWORD status);
char *rtm_debug_text(void);

#endif /* RTM_DEBUG_MODULE_H */
