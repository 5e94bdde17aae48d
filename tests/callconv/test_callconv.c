/*
 * test_callconv.c - every export of rtm.dll called through the import
 * library and through GetProcAddress with the SDK prototype, and on i686
 * the stack pointer measured across each call (see callconv.h): a wrong
 * argument size or calling convention, in our export table or in a
 * header, fails here instead of corrupting a stack.
 *
 * The expected set of calls comes from def/rtm.exports (rtm_exports.inc):
 * each export must be called exactly once per path; a stub must fail as
 * stubs do (ERROR_CALL_NOT_IMPLEMENTED, or NULL, FALSE, 0, INFINITE); an
 * implemented export must return what its row expects. The MGM functions
 * are also called through mgm.h's prototype as declared (no WINAPI), which
 * on i686 must show the header's mismatch: the stack pointer moved by the
 * argument size.
 *
 * With RTM_CONFORMANCE (the build against the system's import library and
 * Rtm.dll) rows that record no expected result and the exports no header
 * declares are not called: there is no harmless call to make into an
 * implementation whose behaviour for them is unknown.
 */
#include <windows.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "callconv.h"

#ifdef RTM_CONFORMANCE
#define CONFORMANCE 1
#else
#define CONFORMANCE 0
#endif

void __cdecl cc_record(struct cc_calls *calls, const char *name, enum cc_path path,
                       uintptr_t expected, int called, uintptr_t result, intptr_t moved)
{
    struct cc_call *c;

    if (calls->count == calls->max)
        fail_msg("more than %u calls", (unsigned)calls->max);
    c = &calls->calls[calls->count++];
    c->name = name;
    c->path = path;
    c->called = called;
    c->result = result;
    c->expected = expected;
    c->moved = moved;
}

int __cdecl cc_should_call(uintptr_t expected)
{
    return !(CONFORMANCE && expected == CC_UNCHECKED);
}

void *__cdecl cc_symbol(const char *name)
{
    HMODULE rtm = GetModuleHandleA("rtm.dll");
    return rtm ? (void *)(uintptr_t)GetProcAddress(rtm, name) : NULL;
}

/* ---- the export list -------------------------------------------------- */

struct cc_export {
    const char *name;
    const char *api;
    unsigned bytes;     /* i686 argument size */
    int is_stub;
    uintptr_t failure;  /* what the stub returns, widened */
    int in_mgm_h;       /* declared (without WINAPI) by mgm.h */
    int inferred;       /* declared by no header */
};

#define MAX_EXPORTS 160
static struct cc_export exports[MAX_EXPORTS];
static size_t export_count;

static struct cc_export *find_export(const char *name)
{
    for (size_t i = 0; i < export_count; i++)
        if (strcmp(exports[i].name, name) == 0)
            return &exports[i];
    return NULL;
}

static void load_exports(void)
{
    export_count = 0;
#define impl 0
#define stub 1
#define RTM_EXPORT(api_, name_, bytes_, returns_, failure_, status_)                          \
    do {                                                                                   \
        struct cc_export *e = &exports[export_count++];                                    \
        memset(e, 0, sizeof *e);                                                           \
        e->name = #name_;                                                                  \
        e->api = #api_;                                                                    \
        e->bytes = bytes_;                                                                 \
        e->is_stub = status_;                                                                 \
        e->failure = (uintptr_t)(returns_)(failure_);                                      \
    } while (0);
#include "rtm_exports.inc"
#undef RTM_EXPORT
#undef impl
#undef stub
#define CC_MGM(name, symbol) find_export(#name)->in_mgm_h = 1;
#include "cc_mgm.inc"
#undef CC_MGM
#define CC_INFERRED(name, params, args) find_export(#name)->inferred = 1;
#include "cc_inferred.inc"
#undef CC_INFERRED
}

/* ---- checks ----------------------------------------------------------- */

static const char *const path_names[CC_PATHS] = {"import library", "GetProcAddress",
                                                 "GetProcAddress as declared"};

static const struct cc_call *find_call(const struct cc_calls *calls, const char *name,
                                       enum cc_path path)
{
    const struct cc_call *found = NULL;
    for (size_t i = 0; i < calls->count; i++) {
        if (calls->calls[i].path != path || strcmp(calls->calls[i].name, name) != 0)
            continue;
        if (found)
            fail_msg("%s called twice through the %s", name, path_names[path]);
        found = &calls->calls[i];
    }
    return found;
}

/* How far the stack pointer must move across a call of e through path. */
static intptr_t expected_move(const struct cc_export *e, enum cc_path path)
{
#ifdef __i386__
    if (path == CC_PROC_AS_DECLARED)
        return (intptr_t)e->bytes; /* mgm.h's cdecl: popped by both sides */
#endif
    (void)e;
    (void)path;
    return 0;
}

/* Checks one call, printing what is wrong; returns the number of problems
 * (0 or 1), and counts the call in *made when it was made. */
static int check_call(const struct cc_export *e, const struct cc_call *c, unsigned *made)
{
    uintptr_t want;

    if (!c->called) {
        if (CONFORMANCE)
            return 0;
        print_error("%s was not called through the %s (not exported?)\n", e->name,
                    path_names[c->path]);
        return 1;
    }
    (*made)++;
    if (c->moved != expected_move(e, c->path)) {
        print_error("%s through the %s: stack pointer moved by %ld (expected %ld)\n", e->name,
                    path_names[c->path], (long)c->moved, (long)expected_move(e, c->path));
        return 1;
    }
    if (!CONFORMANCE && e->is_stub) {
        want = e->failure;
    } else if (c->expected == CC_UNCHECKED) {
        print_error("%s is implemented: give its row in tests/callconv an expected result\n",
                    e->name);
        return 1;
    } else {
        want = c->expected;
    }
    if (c->result != want) {
        print_error("%s through the %s returned %#lx, expected %#lx\n", e->name,
                    path_names[c->path], (unsigned long)c->result, (unsigned long)want);
        return 1;
    }
    return 0;
}

static void test_every_export_through_both_paths(void **state)
{
    static struct cc_call records[4 * MAX_EXPORTS];
    struct cc_calls calls = {records, 0, 4 * MAX_EXPORTS};
    unsigned made = 0, problems = 0, checked_exports = 0, microsoft = 0;
    int later_ok;
    void *reg;

    (void)state;
    load_exports();
    for (size_t i = 0; i < export_count; i++)
        microsoft += strcmp(exports[i].api, "EXT") != 0;
    assert_int_equal(microsoft, 114); /* and rtm's extensions (api EXT) */
    reg = cc_register();
    assert_non_null(reg);

    cc_calls_sdk(&calls, reg);
    cc_calls_mgm(&calls);
    later_ok = cc_calls_later(&calls);
    if (!CONFORMANCE) {
        cc_calls_forwarder(&calls);
        cc_calls_inferred(&calls);
    }

    for (size_t i = 0; i < calls.count; i++)
        if (!find_export(calls.calls[i].name))
            fail_msg("%s is called but not in def/rtm.exports", calls.calls[i].name);
    for (size_t i = 0; i < export_count; i++) {
        const struct cc_export *e = &exports[i];
        if (CONFORMANCE && (e->inferred || strcmp(e->api, "EXT") == 0))
            continue;
        checked_exports++;
        for (int p = 0; p < CC_PATHS; p++) {
            const struct cc_call *c = find_call(&calls, e->name, (enum cc_path)p);
            int wanted = p != CC_PROC_AS_DECLARED || e->in_mgm_h;
            if (!c != !wanted) {
                print_error("%s: %s through the %s\n", e->name,
                            c ? "unexpected call" : "no call", path_names[p]);
                problems++;
            } else if (c) {
                problems += check_call(e, c, &made);
            }
        }
    }
    if (find_call(&calls, "RtmConvertIpv6AddressAndLengthToNetAddress", CC_PROC)->called)
        assert_true(later_ok);
    print_message("%u exports, %u calls made, %u not made\n", checked_exports, made,
                  (unsigned)calls.count - made);
    assert_int_equal(problems, 0);
    assert_int_equal(cc_deregister(reg), NO_ERROR);
}

/* ---- the detector itself ------------------------------------------------ */

static DWORD WINAPI __attribute__((noinline)) probe_target(DWORD value)
{
    return value + 1;
}

typedef DWORD(WINAPI *one_arg_fn)(DWORD);
typedef DWORD(WINAPI *two_args_fn)(DWORD, DWORD);
typedef DWORD(__cdecl *cdecl_fn)(DWORD);

/*
 * A stdcall function called with one argument too many (the callee pops
 * fewer bytes than were pushed) and as a cdecl function (the caller pops
 * again what the callee popped): on i686 the probe must see ESP 4 bytes
 * low and 4 bytes high, and the caller must go on unharmed.
 */
static void test_probe_detects_mismatches(void **state)
{
    static struct cc_call records[3];
    struct cc_calls calls = {records, 0, 3};
    one_arg_fn volatile target = probe_target;
    uintptr_t address = (uintptr_t)target;

    (void)state;
    CC_PROBE(&calls, "right", CC_PROC, 43, target(42));
    CC_PROBE(&calls, "extra argument", CC_PROC, 43, ((two_args_fn)address)(42, 7));
    CC_PROBE(&calls, "cdecl", CC_PROC, 43, ((cdecl_fn)address)(42));
    for (int i = 0; i < 3; i++)
        assert_int_equal(records[i].result, 43);
    assert_int_equal(records[0].moved, 0);
#ifdef __i386__
    assert_int_equal(records[1].moved, -4);
    assert_int_equal(records[2].moved, 4);
#else
    assert_int_equal(records[1].moved, 0);
    assert_int_equal(records[2].moved, 0);
#endif
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_probe_detects_mismatches),
        cmocka_unit_test(test_every_export_through_both_paths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
