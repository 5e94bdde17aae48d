/*
 * ctl.c - the process state (ctl.h): set-up, clean-up, messages.
 */
#include "ctl.h"
#include "notify.h"
#include "v1.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ctl_init(struct ctl *ctl)
{
    memset(ctl, 0, sizeof *ctl);
    ctl_ifnames_init(&ctl->ifnames);
    ctl_asnames_init(&ctl->asnames);
    ctl_watch_init(&ctl->watch);
    for (int fam = 0; fam < RTMCTL_FAMILIES; fam++) {
        RTM_ENTITY_INFO info;
        RTM_REGN_PROFILE profile;
        char err[64];
        DWORD status;

        memset(&info, 0, sizeof info);
        info.RtmInstanceId = RTMCTL_INSTANCE;
        info.AddressFamily = ctl_family_af(fam);
        info.EntityId.EntityProtocolId = RTMCTL_READER_ID;
        status = RtmRegisterEntity(&info, NULL, NULL, FALSE, &profile, &ctl->reader[fam]);
        if (status != NO_ERROR) {
            ctl->reader[fam] = NULL;
            ctl_error(ctl, "cannot register with the %s routing table: RtmRegisterEntity: %s",
                      ctl_family_name(fam), ctl_error_name(status, err));
            return RTMCTL_FAILED;
        }
    }
    return RTMCTL_OK;
}

void ctl_cleanup(struct ctl *ctl)
{
    ctl_watch_end(ctl);
    ctl_multicast_cleanup(ctl);
    while (ctl->entities) {
        struct ctl_entity *e = ctl->entities;
        ctl->entities = e->next;
        ctl_entity_delete(ctl, e);
        free(e);
    }
    ctl_v1_cleanup(ctl);
    for (int fam = 0; fam < RTMCTL_FAMILIES; fam++)
        if (ctl->reader[fam])
            RtmDeregisterEntity(ctl->reader[fam]);
    ctl_ifnames_free(&ctl->ifnames);
    ctl_asnames_free(&ctl->asnames);
}

void ctl_error(struct ctl *ctl, const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    if (ctl->where)
        fprintf(stderr, "%s:%lu: ", ctl->where, ctl->where_line);
    else
        fputs("rtmctl: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    fflush(stderr);
}

const char *ctl_error_name(DWORD status, char *buf)
{
    static const struct {
        DWORD code;
        const char *name;
    } names[] = {
        { ERROR_ACCESS_DENIED, "ERROR_ACCESS_DENIED" },
        { ERROR_INVALID_HANDLE, "ERROR_INVALID_HANDLE" },
        { ERROR_NOT_ENOUGH_MEMORY, "ERROR_NOT_ENOUGH_MEMORY" },
        { ERROR_INVALID_DATA, "ERROR_INVALID_DATA" },
        { ERROR_NOT_SUPPORTED, "ERROR_NOT_SUPPORTED" },
        { ERROR_INVALID_PARAMETER, "ERROR_INVALID_PARAMETER" },
        { ERROR_INSUFFICIENT_BUFFER, "ERROR_INSUFFICIENT_BUFFER" },
        { ERROR_ALREADY_EXISTS, "ERROR_ALREADY_EXISTS" },
        { ERROR_NO_MORE_ITEMS, "ERROR_NO_MORE_ITEMS" },
        { ERROR_NOT_FOUND, "ERROR_NOT_FOUND" },
        { ERROR_NO_SYSTEM_RESOURCES, "ERROR_NO_SYSTEM_RESOURCES" },
    };
    const char *name = "error";

    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].code == status)
            name = names[i].name;
    snprintf(buf, 64, "%s (%u)", name, (unsigned)status);
    return buf;
}

int ctl_arg_number(struct ctl *ctl, const char *command, const char *what, const char *text,
                   unsigned long max, ULONG *value)
{
    unsigned long long v = 0;
    size_t len = strlen(text);
    int ok = len > 0 && len <= 10;

    for (size_t i = 0; ok && i < len; i++) {
        ok = text[i] >= '0' && text[i] <= '9';
        v = v * 10 + (unsigned)(text[i] - '0');
    }
    if (!ok || v > max) {
        ctl_error(ctl, "%s: %s '%s' is not a number (0 to %lu)", command, what, text, max);
        return -1;
    }
    *value = (ULONG)v;
    return 0;
}
