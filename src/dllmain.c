/*
 * dllmain.c - the DLL entry point (Windows) and its native counterpart.
 *
 * Loading only reads the RTM_DEBUG settings (rtm_library_load); all other
 * state is created lazily on first use (see library.h). Unloading with FreeLibrary
 * frees what is left; at process termination nothing is done, as the
 * loader's documentation advises.
 */
#include "library.h"

#ifdef _WIN32
#include <windows.h>

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved);

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
    if (reason == DLL_PROCESS_ATTACH) {
        DisableThreadLibraryCalls(instance);
        rtm_library_load();
    } else if (reason == DLL_PROCESS_DETACH && reserved == NULL) {
        rtm_library_shutdown();
    }
    return TRUE;
}
#else
__attribute__((constructor)) static void rtm_load(void)
{
    rtm_library_load();
}

__attribute__((destructor)) static void rtm_unload(void)
{
    rtm_library_shutdown();
}
#endif
