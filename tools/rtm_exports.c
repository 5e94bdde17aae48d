/*
 * rtm_exports.c - loads the library the way a client that uses LoadLibrary
 * does and lists every export of Rtm.dll with its status.
 *
 * Usage: rtm-exports [PATH]     (default: rtm.dll next to this program;
 *                                natively librtm.so through the loader path)
 * Exit status: 0 when every export is found, 1 when some are missing, 2
 * when the library cannot be loaded.
 */
#include <stdio.h>
#include <string.h>

#ifdef _WIN32
#include <windows.h>
#define LIBRARY_NAME "rtm.dll"
typedef HMODULE library;
static library open_library(const char *path) { return LoadLibraryA(path); }
static int has_export(library lib, const char *name) { return GetProcAddress(lib, name) != NULL; }
static void close_library(library lib) { FreeLibrary(lib); }
#else
#include <dlfcn.h>
#define LIBRARY_NAME "librtm.so"
typedef void *library;
static library open_library(const char *path) { return dlopen(path, RTLD_NOW | RTLD_LOCAL); }
static int has_export(library lib, const char *name) { return dlsym(lib, name) != NULL; }
static void close_library(library lib) { dlclose(lib); }
#endif

struct export_row {
    const char *api;
    const char *name;
    unsigned bytes;
    int implemented;
};

#define impl 1
#define stub 0
#define RTM_EXPORT(api, name, bytes, returns, failure, status) { #api, #name, bytes, status },
static const struct export_row exports[] = {
#include "rtm_exports.inc"
};
#undef RTM_EXPORT
#undef impl
#undef stub

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : LIBRARY_NAME;
    const size_t count = sizeof exports / sizeof exports[0];
    size_t found = 0, implemented = 0;

    if (argc > 2 || (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))) {
        printf("usage: rtm-exports [LIBRARY]\n"
               "Loads the RTM library (default %s) and lists its exports' status.\n",
               LIBRARY_NAME);
        return argc > 2 ? 2 : 0;
    }
    library lib = open_library(path);
    if (!lib) {
        fprintf(stderr, "rtm-exports: cannot load %s\n", path);
        return 2;
    }
    printf("%-6s %-44s %-9s %s\n", "api", "export", "stdcall", "status");
    for (size_t i = 0; i < count; i++) {
        const struct export_row *e = &exports[i];
        int present = has_export(lib, e->name);
        char args[16];
        snprintf(args, sizeof args, "@%u", e->bytes);
        found += present;
        implemented += present && e->implemented;
        printf("%-6s %-44s %-9s %s\n", e->api, e->name, args,
               !present ? "MISSING" : e->implemented ? "implemented" : "not yet");
    }
    printf("\n%s: %zu of %zu exports present; %zu implemented, %zu not yet.\n",
           path, found, count, implemented, found - implemented);
    close_library(lib);
    return found == count ? 0 : 1;
}
