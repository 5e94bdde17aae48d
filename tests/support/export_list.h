/*
 * export_list.h - def/rtm.exports as the bad-input matrices
 * (tests/unit/test_bad_input.c, tests/mgm/test_mgm_bad_input.c) read it:
 * every export's API, name and status, and which matrix covers it.
 *
 * Add export_list.c to the test's sources and RTM_GENERATED_DIR (where
 * rtm_exports.inc is generated, cmake/RtmExports.cmake) to its include
 * directories.
 */
#ifndef RTM_EXPORT_LIST_H
#define RTM_EXPORT_LIST_H

#include <stddef.h>

/* One row of def/rtm.exports. */
struct test_export {
    const char *api;     /* RTMv2, RTMv1, MGM, TABLE or EXT */
    const char *name;    /* the export's name */
    const char *status;  /* "impl" or "stub" */
};

/* Every export, in the list's order, and how many there are. */
extern const struct test_export test_exports[];
extern const size_t test_export_count;

/* Nonzero when the export called name (in) exists and is implemented
 * ("impl"); 0 for a stub or a name the list does not have. */
int test_export_implemented(const char *name);

/* Nonzero for the Multicast Group Manager's exports (API MGM) and its
 * forwarder extension's (RtmMgm*): tests/mgm/test_mgm_bad_input.c's
 * matrix covers them, tests/unit/test_bad_input.c's the others. */
int test_export_is_mgm(const struct test_export *e);

#endif /* RTM_EXPORT_LIST_H */
