#if __has_include(<rabbitmq-c/amqp.h>)
#include <rabbitmq-c/amqp.h>
#include <rabbitmq-c/tcp_socket.h>
#include <rabbitmq-c/framing.h>
#else
#include <amqp.h>
#include <amqp_tcp_socket.h>
#include <amqp_framing.h>
#endif
#include <sys/time.h>
#include <sys/socket.h>

static const amqp_flags_t cr_basic_delivery_mode_flag = AMQP_BASIC_DELIVERY_MODE_FLAG;
static const amqp_flags_t cr_basic_content_type_flag = AMQP_BASIC_CONTENT_TYPE_FLAG;
static const amqp_flags_t cr_basic_headers_flag = AMQP_BASIC_HEADERS_FLAG;

/* amqp_login() is variadic and therefore not callable from Swift. */
static inline amqp_rpc_reply_t cr_login_plain(amqp_connection_state_t c, const char *vhost,
    int channel_max, int frame_max, int heartbeat, const char *user, const char *password) {
    return amqp_login(c, vhost, channel_max, frame_max, heartbeat, AMQP_SASL_METHOD_PLAIN, user, password);
}

/* amqp_login_with_properties() is variadic too; client properties carry e.g. `connection_name`. */
static inline amqp_rpc_reply_t cr_login_plain_with_properties(amqp_connection_state_t c, const char *vhost,
    int channel_max, int frame_max, int heartbeat, const amqp_table_t *properties,
    const char *user, const char *password) {
    return amqp_login_with_properties(c, vhost, channel_max, frame_max, heartbeat, properties,
                                      AMQP_SASL_METHOD_PLAIN, user, password);
}
