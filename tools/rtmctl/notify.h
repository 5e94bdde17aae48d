/*
 * notify.h - the change watch (watch.h) seen from the rest of rtmctl.
 */
#ifndef RTMCTL_NOTIFY_H
#define RTMCTL_NOTIFY_H

#include "ctl.h"

/* No watch yet. */
void ctl_watch_init(struct ctl_watch *watch);

/* Ends the watch, if any: deregisters from change notification and forgets
 * the best routes. */
void ctl_watch_end(struct ctl *ctl);

#endif /* RTMCTL_NOTIFY_H */
