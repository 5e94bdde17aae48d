/*
 * client.h - RTMv1's clients: a routing protocol registered with the table
 * of a protocol family (spec/rras/rtmregisterclient.md), at most one per
 * (family, protocol), with its optional change event and its queue of
 * change messages (change.h).
 *
 * The client's handle holds one client reference from RtmRegisterClient
 * to RtmDeregisterClient; a call validating the handle holds an internal
 * one meanwhile, so a client deregistered by another thread stays in
 * memory until that call returns (and sees it deregistered).
 */
#ifndef RTM_RTMV1_CLIENT_H
#define RTM_RTMV1_CLIENT_H

#include "objects.h"
#include "table.h"

struct rtmv1_link;

struct rtmv1_client {
    struct rtm_object obj;       /* RTMV1_OBJ_CLIENT */
    struct rtmv1_table *table;   /* constant */
    DWORD protocol;              /* constant: RoutingProtocol */
    DWORD flags;                 /* constant: RTM_PROTOCOL_SINGLE_ROUTE or 0 */
    HANDLE event;                /* constant: ChangeEvent; NULL: no messages */
    struct rtmv1_client *next;   /* the table's clients (table lock) */
    int registered;              /* in the table's list (table lock) */
    rtm_mutex queue_lock;        /* the fields below (table.h's order) */
    struct rtmv1_link *head;     /* messages to dequeue, oldest first */
    struct rtmv1_link **tail;
    int closed;                  /* deregistered: the queue takes no more */
};

/*
 * The client of a handle, with an internal reference (rtmv1_client_put),
 * or NULL when the handle is not a client's (NULL, stale, forged, of
 * another type). The client may have deregistered since: check registered
 * (table lock) or closed (queue lock).
 */
struct rtmv1_client *rtmv1_client_get(HANDLE handle);

/* Drops the reference of rtmv1_client_get. No lock held. */
void rtmv1_client_put(struct rtmv1_client *client);

/* The registered client of protocol in table, or NULL. Table lock held. */
struct rtmv1_client *rtmv1_client_of_protocol(const struct rtmv1_table *table, DWORD protocol);

/* The object's free function (and its destruction at library unload). */
void rtmv1_client_destroy(struct rtm_object *obj);

#endif /* RTM_RTMV1_CLIENT_H */
