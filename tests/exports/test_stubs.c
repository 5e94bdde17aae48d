/*
 * test_stubs.c - every export not implemented yet, called through the
 * loader (GetProcAddress / dlsym) with as many zero arguments as its
 * stdcall argument size says: it must return ERROR_CALL_NOT_IMPLEMENTED (or
 * its documented failure value: NULL, FALSE, 0, INFINITE) and set the last
 * error to ERROR_CALL_NOT_IMPLEMENTED. On i686 a stub popping the wrong
 * number of bytes would leave the stack pointer off, which the check after
 * each call catches.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rtmv2.h"

#ifdef _WIN32
static void *symbol(const char *name)
{
    static HMODULE rtm;
    if (!rtm)
        rtm = LoadLibraryA("rtm.dll");
    return rtm ? (void *)(uintptr_t)GetProcAddress(rtm, name) : NULL;
}
#else
#include <dlfcn.h>
static void *symbol(const char *name)
{
    static void *rtm;
    if (!rtm)
        rtm = dlopen(RTM_LIBRARY_SONAME, RTLD_NOW); /* the library this test is linked to */
    return rtm ? dlsym(rtm, name) : NULL;
}
#endif

/* The thread's last error (natively the library's: rtm_compat.h). */
static DWORD last_error(void)
{
    return GetLastError();
}
static void clear_last_error(void)
{
    SetLastError(0);
}

typedef uintptr_t A;
typedef DWORD(WINAPI *f0)(void);
typedef DWORD(WINAPI *f1)(A);
typedef DWORD(WINAPI *f2)(A, A);
typedef DWORD(WINAPI *f3)(A, A, A);
typedef DWORD(WINAPI *f4)(A, A, A, A);
typedef DWORD(WINAPI *f5)(A, A, A, A, A);
typedef DWORD(WINAPI *f6)(A, A, A, A, A, A);
typedef DWORD(WINAPI *f7)(A, A, A, A, A, A, A);
typedef DWORD(WINAPI *f8)(A, A, A, A, A, A, A, A);
typedef DWORD(WINAPI *f9)(A, A, A, A, A, A, A, A, A);
typedef HANDLE(WINAPI *h3)(A, A, A);
typedef HANDLE(WINAPI *h4)(A, A, A, A);

/* The stack pointer (i686 only: there a stdcall callee pops its arguments,
 * so a wrong argument size shows as a moved stack pointer). */
#ifdef __i386__
#define READ_SP(sp) __asm__ volatile("movl %%esp, %0" : "=r"(sp))
#else
#define READ_SP(sp) ((sp) = 0)
#endif

/* Calls fn with n zero arguments, through type T; *moved receives how far
 * the stack pointer moved across the call (0 when the callee popped exactly
 * what was pushed). */
#define CALL(T, fn, moved, ...)                                                            \
    do {                                                                                   \
        uintptr_t sp_before, sp_after;                                                     \
        READ_SP(sp_before);                                                                \
        result = ((T)(uintptr_t)(fn))(__VA_ARGS__);                                        \
        READ_SP(sp_after);                                                                 \
        *(moved) = (intptr_t)(sp_after - sp_before);                                       \
    } while (0)

/* Calls a DWORD/BOOL/ULONG export with n zero arguments. */
static DWORD call_dword(void *fn, unsigned n, intptr_t *moved)
{
    DWORD result = 0;
    switch (n) {
    case 0: CALL(f0, fn, moved); break;
    case 1: CALL(f1, fn, moved, 0); break;
    case 2: CALL(f2, fn, moved, 0, 0); break;
    case 3: CALL(f3, fn, moved, 0, 0, 0); break;
    case 4: CALL(f4, fn, moved, 0, 0, 0, 0); break;
    case 5: CALL(f5, fn, moved, 0, 0, 0, 0, 0); break;
    case 6: CALL(f6, fn, moved, 0, 0, 0, 0, 0, 0); break;
    case 7: CALL(f7, fn, moved, 0, 0, 0, 0, 0, 0, 0); break;
    case 8: CALL(f8, fn, moved, 0, 0, 0, 0, 0, 0, 0, 0); break;
    case 9: CALL(f9, fn, moved, 0, 0, 0, 0, 0, 0, 0, 0, 0); break;
    default: fail_msg("no caller for %u arguments", n);
    }
    return result;
}

/* Calls a HANDLE export with n zero arguments. */
static HANDLE call_handle(void *fn, unsigned n, intptr_t *moved)
{
    HANDLE result = NULL;
    switch (n) {
    case 3: CALL(h3, fn, moved, 0, 0, 0); break;
    case 4: CALL(h4, fn, moved, 0, 0, 0, 0); break;
    default: fail_msg("no caller for %u arguments", n);
    }
    return result;
}

#define impl 1
#define stub 0
#define RTM_EXPORT(api, name, bytes, returns, failure, status)                              \
    if (!status) {                                                                         \
        void *fn = symbol(#name);                                                          \
        if (!fn)                                                                           \
            fail_msg("%s is not exported", #name);                                        \
        intptr_t moved = 0;                                                                \
        clear_last_error();                                                                \
        if (sizeof(returns) == sizeof(HANDLE) && sizeof(HANDLE) != sizeof(DWORD)) {        \
            HANDLE r = call_handle(fn, (bytes) / 4, &moved);                               \
            if (r != (HANDLE)(uintptr_t)(failure))                                         \
                fail_msg("%s returned %p", #name, r);                                      \
        } else {                                                                           \
            DWORD r = call_dword(fn, (bytes) / 4, &moved);                                 \
            if (r != (DWORD)(uintptr_t)(failure))                                          \
                fail_msg("%s returned %lu", #name, (unsigned long)r);                      \
        }                                                                                  \
        if (last_error() != ERROR_CALL_NOT_IMPLEMENTED)                                    \
            fail_msg("%s left last error %lu", #name, (unsigned long)last_error());        \
        if (moved != 0)                                                                    \
            fail_msg("%s: stack pointer moved by %ld", #name, (long)moved);                \
        stubs++;                                                                           \
    }

static void test_every_stub_fails_cleanly(void **state)
{
    unsigned stubs = 0;
    (void)state;
#include "rtm_exports.inc"
    print_message("%u stubs checked\n", stubs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_stub_fails_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
