/*
 * rtm_compat.h - the Win32 vocabulary rtmv2.h needs, for non-Windows hosts.
 *
 * On Windows the real <windows.h> supplies all of this; this file is never
 * used there. On other systems (the native Linux build of the library and
 * its tests) it provides the handful of Win32 types, macros and error codes
 * that rtmv2.h and the library use, with the sizes they have on Windows.
 *
 * Windows is an LLP64 platform: int and long are both 32 bits, pointers are
 * 32 or 64 bits. Linux x86_64 is LP64 (long is 64 bits), so every 32-bit
 * Win32 integer type below is spelled with a <stdint.h> type, never with
 * "long". With these definitions the RTMv2 structures have the same size
 * and field offsets natively as on Windows of the same pointer width
 * (tests/abi checks this).
 *
 * The file has an include guard and every macro is #ifndef-guarded, so
 * including it twice, or after another header that already defined one of
 * the macros (TRUE, WINAPI, an error code, ...), is harmless.
 */
#ifndef RTM_COMPAT_H
#define RTM_COMPAT_H

#ifdef _WIN32
#error "rtm_compat.h is for non-Windows builds; on Windows include <windows.h>"
#endif

#include <stddef.h>      /* offsetof */
#include <stdint.h>
#include <sys/socket.h>  /* AF_INET, AF_INET6 */
#include <arpa/inet.h>   /* htonl, ntohl, htons, ntohs */

/* ---------------------------------------------------------------------- */
/* Integer types (Windows sizes)                                          */
/* ---------------------------------------------------------------------- */

typedef uint8_t  BYTE;
typedef uint8_t  UCHAR;
typedef uint16_t WORD;
typedef uint16_t USHORT;
typedef int16_t  SHORT;
typedef int32_t  INT;
typedef uint32_t UINT;
typedef int32_t  LONG;           /* 32-bit on Windows, even on x64 */
typedef uint32_t ULONG;          /* ditto: not "unsigned long" */
typedef uint32_t DWORD;
typedef int64_t  LONG64;
typedef intptr_t  LONG_PTR;
typedef uintptr_t ULONG_PTR;
typedef uintptr_t SIZE_T;

/*
 * 64-bit integers are 8-byte aligned inside Windows structures on x86 too,
 * but only 4-byte aligned by the i386 System V ABI. Raising the typedef's
 * alignment keeps RTM_ENTITY_ID / RTM_ENTITY_INFO laid out as on Windows
 * when the native build is 32-bit. (No effect on 64-bit hosts.)
 */
#if defined(__i386__) && defined(__GNUC__)
typedef uint64_t ULONGLONG __attribute__((aligned(8)));
#else
typedef uint64_t ULONGLONG;
#endif

/* BOOL is an int on Windows; mingw-w64 calls the same type WINBOOL. */
typedef int WINBOOL;
typedef int BOOL;

#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif

/* ---------------------------------------------------------------------- */
/* Pointer types                                                          */
/* ---------------------------------------------------------------------- */

typedef void *PVOID;
typedef void *LPVOID;
typedef void *HANDLE;
typedef HANDLE *PHANDLE;
typedef BYTE *PBYTE;
typedef UCHAR *PUCHAR;
typedef USHORT *PUSHORT;
typedef INT *PINT;
typedef UINT *PUINT;
typedef LONG *PLONG;
typedef ULONG *PULONG;
typedef DWORD *PDWORD;
typedef BOOL *PBOOL;
typedef ULONGLONG *PULONGLONG;

/* ---------------------------------------------------------------------- */
/* Structures                                                             */
/* ---------------------------------------------------------------------- */

/* A time stamp in 100 ns units since 1601-01-01 UTC, as two 32-bit halves. */
typedef struct _FILETIME {
    DWORD dwLowDateTime;
    DWORD dwHighDateTime;
} FILETIME, *PFILETIME, *LPFILETIME;

/*
 * An IPv6 address in network byte order, shaped like Windows' IN6_ADDR.
 * The tag is deliberately not "in6_addr": the platform's <netinet/in.h>
 * already owns that name (with different member names). Both are 16 bytes
 * of address, so converting between them is a 16-byte memcpy.
 */
typedef struct rtm_in6_addr {
    union {
        UCHAR  Byte[16];
        USHORT Word[8];
    } u;
} IN6_ADDR, *PIN6_ADDR, *LPIN6_ADDR;

/* ---------------------------------------------------------------------- */
/* Macros                                                                 */
/* ---------------------------------------------------------------------- */

/* Calling convention of Windows APIs: the platform default here. */
#ifndef WINAPI
#define WINAPI
#endif

#ifndef VOID
#define VOID void
#endif

/* Offset of a field as a LONG, as Windows' FIELD_OFFSET yields it. */
#ifndef FIELD_OFFSET
#define FIELD_OFFSET(type, field) ((LONG)offsetof(type, field))
#endif

/*
 * AF_INET and AF_INET6 come from the platform's <sys/socket.h>. AF_INET is
 * 2 everywhere, but natively AF_INET6 has the platform's value (10 on
 * Linux), not Windows' 23: native clients and the native library agree on
 * it, but the numbers differ from a Windows build.
 */

/* ---------------------------------------------------------------------- */
/* The thread's last error                                                */
/* ---------------------------------------------------------------------- */

#ifdef __cplusplus
extern "C" {
#endif

/*
 * rtm_get_last_error - returns the calling thread's last error, as the
 * native library keeps it: the functions that return a handle, a BOOL or a
 * count (RTMv1's, rtm.h) set it when they fail (and clear it to NO_ERROR
 * where Windows does), as Windows' GetLastError reports it. No lock; each
 * thread has its own value. Exported by the native library only (on
 * Windows the DLL uses the system's last error).
 *
 * Returns: the Win32 error code last set on this thread (0 at first).
 */
DWORD rtm_get_last_error(void);

/*
 * rtm_set_last_error - sets the calling thread's last error, as Windows'
 * SetLastError does (clients clear it before a call whose failure they
 * check). No lock; only this thread's value changes. Exported by the
 * native library only.
 *
 * dwErrCode [in]: the Win32 error code to store.
 */
void rtm_set_last_error(DWORD dwErrCode);

#ifdef __cplusplus
}
#endif

/*
 * GetLastError / SetLastError - the Win32 names native clients use, as
 * wrappers of the two functions above. They are static inline rather than
 * exported so that the native library defines no global Win32 name (which
 * would clash with another Windows-compatibility layer a program links,
 * such as winelib). This file is never used when building for Windows, so
 * there the system's GetLastError and SetLastError are used instead.
 */
static inline DWORD GetLastError(void)
{
    return rtm_get_last_error();
}

static inline void SetLastError(DWORD dwErrCode)
{
    rtm_set_last_error(dwErrCode);
}

/* ---------------------------------------------------------------------- */
/* Win32 error codes returned by the library                              */
/* ---------------------------------------------------------------------- */

/* Windows spells these as long literals (87L); here they are plain ints,
 * since long is 64-bit on LP64 hosts. The values are the Win32 ones. */

#ifndef NO_ERROR
#define NO_ERROR                    0
#endif
/* TimeToLive and hold times that never run out. */
#ifndef INFINITE
#define INFINITE 0xFFFFFFFFu
#endif

#ifndef ERROR_SUCCESS
#define ERROR_SUCCESS               0
#endif
#ifndef ERROR_INVALID_FUNCTION
#define ERROR_INVALID_FUNCTION      1
#endif
#ifndef ERROR_ACCESS_DENIED
#define ERROR_ACCESS_DENIED         5
#endif
#ifndef ERROR_INVALID_HANDLE
#define ERROR_INVALID_HANDLE        6
#endif
#ifndef ERROR_NOT_ENOUGH_MEMORY
#define ERROR_NOT_ENOUGH_MEMORY     8
#endif
#ifndef ERROR_INVALID_DATA
#define ERROR_INVALID_DATA          13
#endif
#ifndef ERROR_NOT_SUPPORTED
#define ERROR_NOT_SUPPORTED         50
#endif
#ifndef ERROR_INVALID_PARAMETER
#define ERROR_INVALID_PARAMETER     87
#endif
#ifndef ERROR_CALL_NOT_IMPLEMENTED
#define ERROR_CALL_NOT_IMPLEMENTED  120
#endif
#ifndef ERROR_INSUFFICIENT_BUFFER
#define ERROR_INSUFFICIENT_BUFFER   122
#endif
#ifndef ERROR_ALREADY_EXISTS
#define ERROR_ALREADY_EXISTS        183
#endif
#ifndef ERROR_MORE_DATA
#define ERROR_MORE_DATA             234
#endif
#ifndef ERROR_NO_MORE_ITEMS
#define ERROR_NO_MORE_ITEMS         259
#endif
#ifndef ERROR_CAN_NOT_COMPLETE
#define ERROR_CAN_NOT_COMPLETE      1003
#endif
#ifndef ERROR_NOT_FOUND
#define ERROR_NOT_FOUND             1168
#endif
#ifndef ERROR_NO_SYSTEM_RESOURCES
#define ERROR_NO_SYSTEM_RESOURCES   1450
#endif
#ifndef ERROR_TIMEOUT
#define ERROR_TIMEOUT               1460
#endif

#endif /* RTM_COMPAT_H */
