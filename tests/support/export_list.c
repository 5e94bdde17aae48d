/*
 * export_list.c - def/rtm.exports for the bad-input matrices
 * (export_list.h), from the generated rtm_exports.inc.
 */
#include <string.h>

#include "export_list.h"

#define RTM_EXPORT(api, name, bytes, returns, failure, status) { #api, #name, #status },
const struct test_export test_exports[] = {
#include "rtm_exports.inc"
};
#undef RTM_EXPORT

const size_t test_export_count = sizeof test_exports / sizeof *test_exports;

int test_export_implemented(const char *name)
{
    for (size_t i = 0; i < test_export_count; i++)
        if (strcmp(test_exports[i].name, name) == 0)
            return strcmp(test_exports[i].status, "impl") == 0;
    return 0;
}

int test_export_is_mgm(const struct test_export *e)
{
    return strcmp(e->api, "MGM") == 0 || strncmp(e->name, "RtmMgm", 6) == 0;
}
