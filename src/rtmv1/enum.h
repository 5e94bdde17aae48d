/*
 * enum.h - RTMv1's enumerations (RtmCreateEnumerationHandle): criteria
 * and a position in the order of routes. An enumeration belongs to no
 * client: any thread may use its handle until RtmCloseEnumerationHandle.
 */
#ifndef RTM_RTMV1_ENUM_H
#define RTM_RTMV1_ENUM_H

#include "walk.h"

struct rtmv1_enum {
    struct rtm_object obj;           /* RTMV1_OBJ_ENUM */
    struct rtmv1_table *table;       /* constant */
    struct rtmv1_criteria criteria;  /* constant */
    rtm_mutex lock;                  /* the fields below (table.h's order) */
    int started;                     /* a route was returned */
    struct rtmv1_position last;      /* the last route returned */
};

/* The object's free function (and its destruction at library unload). */
void rtmv1_enum_destroy(struct rtm_object *obj);

#endif /* RTM_RTMV1_ENUM_H */
