/*
 * callconv.h - calling every export of rtm.dll through the import
 * library and through GetProcAddress, and measuring the stack pointer
 * across each call.
 *
 * On i686 every export is __stdcall: the callee pops its arguments. If the
 * prototype the caller compiled against and the function disagree on the
 * size of the arguments or on the convention, the stack pointer after the
 * call differs from the one before. CC_PROBE reads ESP right before and
 * right after the call, then puts ESP back, so that a mismatch is reported
 * as a number instead of corrupting the caller's frame. It keeps what it
 * needs in static variables (absolute addresses, not ESP-relative slots
 * that would be wrong once ESP moved); the tests are single-threaded. The
 * sources are compiled with -fno-defer-pop, so that the compiler pops a
 * cdecl call's arguments right after the call, before the second reading.
 * On x86_64 there is one calling convention and the measure is always 0:
 * the calls still prove that the prototypes link and reach the export.
 *
 * The call lists live in one file per header family (calls_sdk.c: the
 * toolchain's <rtmv2.h> and <rtm.h>; calls_mgm.c: <mgm.h>; calls_later.c:
 * our include/rtmv2.h for the exports of later Windows versions;
 * calls_forwarder.c: rtm's MGM forwarder extension, our include/;
 * calls_inferred.c: the exports no header declares, generated from
 * def/rtm.exports). Each appends one struct cc_call per call to a
 * struct cc_calls; test_callconv.c checks them against def/rtm.exports.
 */
#ifndef RTM_CALLCONV_H
#define RTM_CALLCONV_H

#include <stddef.h>
#include <stdint.h>

/* The value a row gives when it records no expected result: allowed only
 * for exports that are stubs (which then must fail as stubs do). In
 * conformance mode such rows are not called at all. */
#define CC_UNCHECKED ((uintptr_t)-2)

/* How a call reached the export. */
enum cc_path {
    CC_IMPORT,      /* through the import library (i686: _Name@bytes) */
    CC_PROC,        /* GetProcAddress, cast to the SDK prototype */
    CC_PROC_AS_DECLARED, /* GetProcAddress, cast to the prototype exactly as
                            the header declares it (mgm.h only, see calls_mgm.c) */
    CC_PATHS
};

struct cc_call {
    const char *name;
    enum cc_path path;
    int called;          /* 0: not called (not exported, or skipped) */
    uintptr_t result;    /* what it returned, widened */
    uintptr_t expected;  /* what the row expects, or CC_UNCHECKED */
    intptr_t moved;      /* ESP after the call minus ESP before (i686) */
};

struct cc_calls {
    struct cc_call *calls;
    size_t count;
    size_t max;
};

/* Defined in test_callconv.c; explicitly __cdecl (the call files use no
 * other convention for their own functions). */
void __cdecl cc_record(struct cc_calls *calls, const char *name, enum cc_path path,
                       uintptr_t expected, int called, uintptr_t result, intptr_t moved);
/* Nonzero when a row with this expected value is to be called (always,
 * except CC_UNCHECKED rows in conformance mode). */
int __cdecl cc_should_call(uintptr_t expected);
/* The export of rtm.dll named name, or NULL. */
void *__cdecl cc_symbol(const char *name);

/* The call lists. reg is the registration handle of an entity (RTM
 * instance 0, AF_INET, see cc_register) that the calls leave unchanged. */
void __cdecl cc_calls_sdk(struct cc_calls *calls, void *reg);
void __cdecl cc_calls_mgm(struct cc_calls *calls);
/* Returns nonzero when the round trip gave back what went in. */
int __cdecl cc_calls_later(struct cc_calls *calls);
void __cdecl cc_calls_forwarder(struct cc_calls *calls);
void __cdecl cc_calls_inferred(struct cc_calls *calls);
/* Registers and deregisters the entity the calls use (calls_sdk.c). */
void *__cdecl cc_register(void);
unsigned long __cdecl cc_deregister(void *reg);

static uintptr_t cc_result __attribute__((unused));
#if defined(__i386__)
static uintptr_t cc_sp_before __attribute__((unused));
static uintptr_t cc_sp_after __attribute__((unused));
#define CC_READ_SP(var) __asm__ volatile("movl %%esp, %0" : "=m"(var) : : "memory")
#define CC_RESTORE_SP(var) __asm__ volatile("movl %0, %%esp" : : "m"(var) : "memory")
#define CC_MOVED() ((intptr_t)(cc_sp_after - cc_sp_before))
#else
#define CC_READ_SP(var) ((void)0)
#define CC_RESTORE_SP(var) ((void)0)
#define CC_MOVED() ((intptr_t)0)
#endif

/* Makes the call expression call_ (any integer or pointer result),
 * measuring the stack pointer, and records it. */
#define CC_PROBE(calls, name, path, expected, call_)                                          \
    do {                                                                                   \
        CC_READ_SP(cc_sp_before);                                                          \
        cc_result = (uintptr_t)(call_);                                                    \
        CC_READ_SP(cc_sp_after);                                                           \
        CC_RESTORE_SP(cc_sp_before);                                                       \
        cc_record(calls, name, path, expected, 1, cc_result, CC_MOVED());                  \
    } while (0)

/* Calls fn (an expression of function pointer type, maybe NULL when the
 * export is missing) with args, unless the row is skipped. */
#define CC_CALL_POINTER(calls, name, path, expected, fn, args)                                 \
    do {                                                                                   \
        __typeof__(fn) cc_fn_ = (fn);                                                      \
        if (cc_fn_ && cc_should_call(expected))                                            \
            CC_PROBE(calls, name, path, expected, cc_fn_ args);                            \
        else                                                                               \
            cc_record(calls, name, path, expected, 0, 0, 0);                               \
    } while (0)

/* One row: calls name with args through the import library (the function
 * as declared) and through GetProcAddress cast to a pointer to it. */
#define CC_ROW(calls, name, expected, args)                                                  \
    do {                                                                                   \
        if (cc_should_call(expected))                                                      \
            CC_PROBE(calls, #name, CC_IMPORT, expected, name args);                        \
        else                                                                               \
            cc_record(calls, #name, CC_IMPORT, expected, 0, 0, 0);                         \
        CC_CALL_POINTER(calls, #name, CC_PROC, expected,                                   \
                        ((__typeof__(&name))cc_symbol(#name)), args);                      \
    } while (0)

#endif /* RTM_CALLCONV_H */
