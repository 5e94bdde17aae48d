/*
 * debug.h - RTM_DEBUG diagnostics: tracing by channel and the report of the
 * handles an entity still holds when it deregisters (README, "Diagnostics
 * for protocol authors").
 *
 * RTM_DEBUG, read once when the library is loaded (rtm_debug_init), lists
 * channels separated by commas (or spaces, semicolons, colons, '|'):
 *   api      every export: its name and key arguments, then its return code
 *   handles  every client reference given or released (RtmReferenceHandles,
 *            handles returned alone or inside information structures, the
 *            Release* functions, ...), with the entity whose call it was
 *   locks    client locks and unlocks of destinations, routes, next hops
 *   notify   changes queued for change-notification registrations, and the
 *            event callbacks called (with their result)
 *   leaks    at RtmDeregisterEntity, the handles the entity still holds
 *   all      every channel
 * Lines go to stderr, or to the file RTM_DEBUG_FILE names (created or
 * truncated by the first line), one per event:
 *   rtm: <seconds since load>.<ms> [<thread id>] <channel>: <text>
 *
 * Cost when RTM_DEBUG is unset: rtm_debug_flags is 0 and never changes;
 * every hook below is one test of it, predicted not taken, before any
 * argument is evaluated or formatted.
 *
 * Locks: the output lock (debug.c) and the ledger lock (debug_leaks.c) are
 * leaves of the order in table.h: taken under any lock, never together,
 * and nothing else is taken (no object is freed) while one is held. The
 * hooks may thus run anywhere, also under the library's locks.
 */
#ifndef RTM_DEBUG_MODULE_H
#define RTM_DEBUG_MODULE_H

#include <stdint.h>

#include "rtmv2.h"
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
 *   reg   the caller's registration handle (RtmRegHandle)
 *   args  the export's parameters in parentheses: (a, b, c)
 *   fmt, ... a printf format of its other key arguments, and their values
 * When any channel is on, the export calls itself once more, between an
 * "api" line with its arguments ("fn(reg 0x..., <fmt>)") and one with its
 * return code, with reg as the calling entity of what happens inside
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

/* A client lock (locked nonzero) or unlock of obj - a destination, a route
 * (its destination's lock) or a next hop; NULL: none, nothing is written -
 * with its result. */
#define RTM_DEBUG_LOCK(obj, exclusive, locked, status)                                       \
    do {                                                                                   \
        if (RTM_DEBUG_ON(RTM_DEBUG_LOCKS))                                                 \
            rtm_debug_lock((obj), (exclusive), (locked), (status));                        \
    } while (0)

/* A client reference on the object of handle h (of the given type) given
 * (delta +1) or released (-1). */
#define RTM_DEBUG_CLIENT_REF(h, type, delta)                                                 \
    do {                                                                                   \
        if (RTM_DEBUG_ON(RTM_DEBUG_HANDLES | RTM_DEBUG_LEAKS))                             \
            rtm_debug_client_ref((h), (type), (delta));                                    \
    } while (0)

/* A change of dest put in the queue of the registration notify of owner
 * (queued: it was not in the queue yet; posted: the event was sent). */
#define RTM_DEBUG_CHANGE_QUEUED(notify, owner, dest, queued, posted)                         \
    do {                                                                                   \
        if (RTM_DEBUG_ON(RTM_DEBUG_NOTIFY))                                                \
            rtm_debug_change_queued((notify), (owner), (dest), (queued), (posted));        \
    } while (0)

/* An event callback of entity target returned result. */
#define RTM_DEBUG_EVENT(target, type, context1, context2, result)                            \
    do {                                                                                   \
        if (RTM_DEBUG_ON(RTM_DEBUG_NOTIFY))                                                \
            rtm_debug_event((target), (type), (context1), (context2), (result));           \
    } while (0)

/* The leak report of an entity at the end of its deregistration. */
#define RTM_DEBUG_LEAK_REPORT(entity)                                                        \
    do {                                                                                   \
        if (RTM_DEBUG_ON(RTM_DEBUG_LEAKS))                                                 \
            rtm_debug_leak_report(entity);                                                 \
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
void rtm_debug_lock(const struct rtm_object *obj, int exclusive, int locked, DWORD status);
void rtm_debug_client_ref(rtm_handle h, enum rtm_object_type type, int delta);
void rtm_debug_change_queued(const struct rtm_object *notify, const struct rtm_object *owner,
                             const struct rtm_object *dest, int queued, int posted);
void rtm_debug_event(const struct rtm_object *target, RTM_EVENT_TYPE type, void *context1,
                     void *context2, DWORD result);
struct rtm_entity;
void rtm_debug_leak_report(struct rtm_entity *entity);

/* Forgets every entry of the leak ledger (library unload). */
void rtm_debug_ledger_clear(void);

/* Writes one line on channel (printf format); used by the modules of the
 * debug machinery. */
void rtm_debug_line(const char *channel, const char *fmt, ...) RTM_DEBUG_PRINTF(2, 3);

/* The entity whose API call the calling thread is in (NULL: none). */
HANDLE rtm_debug_caller(void);

/* Text for the "api" lines: a prefix ("10.1.0.0/16"), an RTM_ENTITY_INFO
 * ("instance 0, family 2, protocol 8.1"), a Win32 status code
 * ("ERROR_NOT_FOUND", or its number), an object type ("next hop"), and a
 * description of a live object that the caller references (a
 * destination's prefix, a route's prefix and owner, a next hop's address
 * and interface, an entity's protocol and instance). The strings live in
 * a small ring of per-thread buffers: valid until the same thread has
 * formatted a few more. */
const char *rtm_debug_addr(const RTM_NET_ADDRESS *addr);
const char *rtm_debug_entity_info(const RTM_ENTITY_INFO *info);
const char *rtm_debug_status(DWORD status);
const char *rtm_debug_type(enum rtm_object_type type);
const char *rtm_debug_describe(const struct rtm_object *obj);

#endif /* RTM_DEBUG_MODULE_H */
