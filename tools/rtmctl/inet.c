/*
 * inet.c - inet_pton and inet_ntop of the platform (inet.h).
 *
 * On Windows they are ws2_32's, declared by <ws2tcpip.h> from Windows Vista
 * (_WIN32_WINNT 0x0600) on. Neither needs WSAStartup: they touch no socket
 * (Microsoft documents no WSANOTINITIALISED for them; Wine's need nothing).
 */
#if defined(_WIN32)
#if !defined(_WIN32_WINNT) || _WIN32_WINNT < 0x0600
#undef _WIN32_WINNT
#define _WIN32_WINNT 0x0600
#endif
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#include <sys/socket.h>
#endif

#include "inet.h"

int ctl_inet_pton(int v6, const char *text, unsigned char *out)
{
    return inet_pton(v6 ? AF_INET6 : AF_INET, text, out) == 1 ? 0 : -1;
}

char *ctl_inet_ntop(int v6, const unsigned char *in, char *buf, size_t size)
{
    if (!inet_ntop(v6 ? AF_INET6 : AF_INET, in, buf, size)) {
        if (size > 0)
            buf[0] = '\0';
        return NULL;
    }
    return buf;
}
