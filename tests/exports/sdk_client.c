/*
 * sdk_client.c - a client compiled against the toolchain's own SDK headers
 * (<rtmv2.h>, <rtm.h>) and linked through our import library, as an
 * existing protocol DLL built with the Windows SDK would be.
 *
 * Linking proves that every symbol the SDK declarations make the compiler
 * reference (on i686 the stdcall-decorated _Name@bytes) is in our import
 * library. Running proves that each one is bound to the export of the same
 * name: the import thunk the linker placed for the function must jump
 * through an import slot holding what GetProcAddress returns for that name.
 */
#include <winsock2.h>
#include <windows.h>
#include <rtmv2.h>
#include <rtm.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

struct sdk_function {
    const char *name;
    const void *address; /* the import thunk in this program */
};

#define RTM_SDK_FUNCTION(name) { #name, (const void *)(uintptr_t)&name },
static const struct sdk_function sdk_functions[] = {
#include "rtm_sdk_functions.inc"
};
#undef RTM_SDK_FUNCTION

/* The target of a MinGW import thunk "jmp *slot" (FF 25 disp32). */
static const void *thunk_target(const void *thunk)
{
    const unsigned char *code = thunk;
    int32_t disp;

    if (code[0] != 0xFF || code[1] != 0x25)
        return NULL;
    memcpy(&disp, code + 2, sizeof disp);
#ifdef _WIN64
    return *(const void *const *)(code + 6 + disp);   /* RIP-relative */
#else
    return *(const void *const *)(uintptr_t)(uint32_t)disp; /* absolute */
#endif
}

static void test_every_sdk_function_binds_to_its_export(void **state)
{
    (void)state;
    HMODULE rtm = GetModuleHandleA("rtm.dll");
    assert_non_null(rtm);
    /* 57 RTMv2 functions of rtmv2.h and 15 RTMv1 functions of rtm.h. */
    assert_int_equal(sizeof sdk_functions / sizeof sdk_functions[0], 72);
    for (size_t i = 0; i < sizeof sdk_functions / sizeof sdk_functions[0]; i++) {
        const void *exported = (const void *)(uintptr_t)GetProcAddress(rtm, sdk_functions[i].name);
        const void *bound = thunk_target(sdk_functions[i].address);
        if (exported == NULL || bound != exported)
            fail_msg("%s: bound to %p, exported at %p", sdk_functions[i].name, bound, exported);
    }
}

static void test_dll_is_ours(void **state)
{
    (void)state;
    char path[MAX_PATH];
    char self[MAX_PATH];
    DWORD n = GetModuleFileNameA(GetModuleHandleA("rtm.dll"), path, sizeof path);
    DWORD m = GetModuleFileNameA(NULL, self, sizeof self);
    assert_true(n > 0 && m > 0);
    /* rtm.dll is loaded from this program's own folder, not the system's. */
    char *slash_dll = strrchr(path, '\\');
    char *slash_exe = strrchr(self, '\\');
    assert_non_null(slash_dll);
    assert_non_null(slash_exe);
    *slash_dll = *slash_exe = '\0';
    assert_string_equal(path, self);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dll_is_ours),
        cmocka_unit_test(test_every_sdk_function_binds_to_its_export),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
