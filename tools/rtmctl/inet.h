/*
 * inet.h - the platform's address text functions, inet_pton and inet_ntop
 * (glibc natively, ws2_32 on Windows and Wine), behind a header that
 * includes no platform header: rtmctl's address code (addr.c) calls these
 * and nothing else to read or write an address.
 */
#ifndef RTMCTL_INET_H
#define RTMCTL_INET_H

#include <stddef.h>

/* Room for the longest text inet_ntop writes, with the NUL (the platform's
 * INET6_ADDRSTRLEN). */
#define RTMCTL_INET_TEXT 46

/*
 * inet_pton: the address in text, of IPv6 if v6 is nonzero, else IPv4, into
 * out (16 or 4 bytes, network order). Returns 0, or -1 when the platform
 * refuses the text.
 */
int ctl_inet_pton(int v6, const char *text, unsigned char *out);

/*
 * inet_ntop: the address in (16 or 4 bytes) as text into buf (size bytes,
 * at least RTMCTL_INET_TEXT). Returns buf, or NULL (buf then holds "").
 */
char *ctl_inet_ntop(int v6, const unsigned char *in, char *buf, size_t size);

#endif /* RTMCTL_INET_H */
