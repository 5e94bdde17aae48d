/*
 * dllmain.c - the DLL entry point (Windows) and its native counterpart.
 *
 * Loading only reads the RTM_DEBUG settings (debug.h); all other state is
 * created lazily on first use (see library.h). Unloading with FreeLibrary
 * frees what is left; at process termination nothing is done, as the
 * loader's documentation advises.
 */
#include "debug.h"
#include "library.h"

#ifdef _WIN32
#include <windows.h>

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved);

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH) {
        DisableThreadLibraryCalls(instance);
        rtm_debug_init();
    } else if (reason == DLL_PROCESS_DETACH && reserved == NULL) {
        rtm_library_shutdown();
    }
    return TRUE;
}
#else
__attribute__((constructor)) static void rtm_load(void)
{
    rtm_debug_init();
}

__attribute__((destructor)) static void rtm_unload(void)
{
    rtm_library_shutdown();
}
#endif
