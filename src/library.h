/*
 * library.h - process-wide state of the library.
 *
 * Everything process-wide (the handle table, the table registry) is created
 * lazily, on first use, by the module that owns it, with a thread-safe
 * once-only initialisation; at load time only the RTM_DEBUG settings are
 * read (debug.h). At unload the DLL
 * entry point (dllmain.c) or, natively, a destructor calls
 * rtm_library_shutdown to free what is left.
 */
#ifndef RTM_LIBRARY_H
#define RTM_LIBRARY_H

/*
 * Frees every process-wide resource. Called once, when the library is
 * unloaded (FreeLibrary, dlclose) and no thread can be inside it any more.
 * Not called at process exit, where the system reclaims everything and other
 * threads may have been stopped while holding locks.
 */
void rtm_library_shutdown(void);

#endif /* RTM_LIBRARY_H */
