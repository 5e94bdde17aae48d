/*
 * library.h - process-wide state of the library.
 *
 * Everything process-wide (the handle table, the table registry) is created
 * lazily, on first use, by the module that owns it, with a thread-safe
 * once-only initialisation; at load time the DLL entry point (dllmain.c)
 * or, natively, a constructor calls rtm_library_load, which only reads the
 * RTM_DEBUG settings (base/debug.h). At unload the entry point or a
 * destructor calls rtm_library_shutdown to free what is left.
 *
 * This is the top of the library: it may use every layer (base/, index/,
 * rtmv2/, rtmv1/, mgm/), and none of them uses it.
 */
#ifndef RTM_LIBRARY_H
#define RTM_LIBRARY_H

/*
 * Reads RTM_DEBUG and RTM_DEBUG_FILE and tells the debug machinery about
 * each API's objects. Called once, when the library is loaded, before any
 * other thread can use it.
 */
void rtm_library_load(void);

/*
 * Frees every process-wide resource. Called once, when the library is
 * unloaded (FreeLibrary, dlclose) and no thread can be inside it any more.
 * Not called at process exit, where the system reclaims everything and other
 * threads may have been stopped while holding locks.
 */
void rtm_library_shutdown(void);

#endif /* RTM_LIBRARY_H */
