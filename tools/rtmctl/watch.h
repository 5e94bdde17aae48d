/*
 * watch.h - the change watch ("watch", "changes"; notify.c): a change
 * notification registration of the reader entity in each family, and the
 * best route of every destination as last reported, so that a change can
 * be shown as what the best route was and what it is now.
 */
#ifndef RTMCTL_WATCH_H
#define RTMCTL_WATCH_H

#include "map.h"
#include "rtmv2.h"
#include "addr.h"

struct ctl_watch {
    int active;
    RTM_VIEW_SET view;                         /* the one view watched */
    RTM_NOTIFY_HANDLE handle[RTMCTL_FAMILIES]; /* NULL when not registered */
    struct ctl_map best;                       /* prefix -> struct ctl_best */
};

#endif /* RTMCTL_WATCH_H */
