/*
 * client.c - clients: their handles and memory (client.h).
 */
#include "change.h"

struct rtmv1_client *rtmv1_client_get(HANDLE handle)
{
    return (struct rtmv1_client *)rtm_handle_lookup(handle, RTMV1_OBJ_CLIENT);
}

void rtmv1_client_put(struct rtmv1_client *client)
{
    rtm_object_unref(&client->obj);
}

struct rtmv1_client *rtmv1_client_of_protocol(const struct rtmv1_table *table, DWORD protocol)
{
    for (struct rtmv1_client *c = table->clients; c; c = c->next)
        if (c->protocol == protocol)
            return c;
    return NULL;
}

void rtmv1_client_destroy(struct rtm_object *obj)
{
    struct rtmv1_client *client = (struct rtmv1_client *)obj;

    rtmv1_queue_close(client);
    rtm_mutex_destroy(&client->queue_lock);
    rtm_free(client);
}
