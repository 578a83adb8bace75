/*
 * Fault injection: the KIND@TRIGGER=VALUE list of stm32dfu_sim_board_add_faults() and the
 * look-ups the model makes when it handles a request or touches flash.
 */
#include "sim_private.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FAULT_SYNTAX                                                                               \
    "expected KIND@req=N or KIND@addr=A, KIND one of disconnect, stall, hold-status (req), "       \
    "disconnect, errWRITE, errERASE, errVERIFY, bitflip (addr)"

static const struct {
    const char *name;
    enum sim_fault_kind kind;
    bool by_request;
    bool by_address;
} kinds[] = {
    {"disconnect", SIM_FAULT_DISCONNECT, true, true},
    {"stall", SIM_FAULT_STALL, true, false},
    {"hold-status", SIM_FAULT_HOLD_STATUS, true, false},
    {"errWRITE", SIM_FAULT_ERR_WRITE, false, true},
    {"errERASE", SIM_FAULT_ERR_ERASE, false, true},
    {"errVERIFY", SIM_FAULT_ERR_VERIFY, false, true},
    {"bitflip", SIM_FAULT_BITFLIP, false, true},
};

static int syntax_error(char *msg, size_t msg_len, const char *item, size_t item_len,
                        const char *why)
{
    if (msg && msg_len)
        snprintf(msg, msg_len, "bad fault \"%.*s\": %s; %s", (int)item_len, item, why,
                 FAULT_SYNTAX);
    return STM32DFU_SIM_ERROR_FAULT_SYNTAX;
}

/* Strict number: decimal or 0x hex, whole text, no overflow. */
static bool parse_number(const char *s, size_t len, uint64_t max, uint64_t *out)
{
    char buf[32];
    char *end;
    if (len == 0 || len >= sizeof(buf) || s[0] == '-' || s[0] == '+')
        return false;
    memcpy(buf, s, len);
    buf[len] = '\0';
    errno = 0;
    unsigned long long v = strtoull(buf, &end, 0);
    if (errno || *end != '\0' || v > max)
        return false;
    *out = v;
    return true;
}

static int parse_one(const char *item, size_t len, struct sim_fault *f, char *msg, size_t msg_len)
{
    const char *at = memchr(item, '@', len);
    const char *eq = at ? memchr(at, '=', len - (size_t)(at - item)) : NULL;
    if (!at || !eq)
        return syntax_error(msg, msg_len, item, len, "missing '@' or '='");
    size_t kind_len = (size_t)(at - item), trig_len = (size_t)(eq - at - 1);
    size_t k = 0;
    while (k < sizeof(kinds) / sizeof(kinds[0]) &&
           !(strlen(kinds[k].name) == kind_len && memcmp(kinds[k].name, item, kind_len) == 0))
        k++;
    if (k == sizeof(kinds) / sizeof(kinds[0]))
        return syntax_error(msg, msg_len, item, len, "unknown kind");
    bool by_req = trig_len == 3 && memcmp(at + 1, "req", 3) == 0;
    bool by_addr = trig_len == 4 && memcmp(at + 1, "addr", 4) == 0;
    if ((by_req && !kinds[k].by_request) || (by_addr && !kinds[k].by_address) ||
        (!by_req && !by_addr))
        return syntax_error(msg, msg_len, item, len, "trigger not allowed for this kind");
    uint64_t v;
    size_t vlen = len - (size_t)(eq + 1 - item);
    if (!parse_number(eq + 1, vlen, by_addr ? UINT32_MAX : UINT64_MAX, &v) || (by_req && v == 0))
        return syntax_error(msg, msg_len, item, len,
                            by_req ? "N must be a request number >= 1"
                                   : "A must be a 32-bit address");
    *f = (struct sim_fault){.kind = kinds[k].kind, .by_address = by_addr, .value = v};
    return STM32DFU_SIM_OK;
}

int stm32dfu_sim_board_add_faults(stm32dfu_sim_board *board, const char *spec, char *msg,
                                  size_t msg_len)
{
    struct sim_fault parsed[SIM_MAX_FAULTS];
    size_t count = 0;
    if (!board)
        return STM32DFU_SIM_ERROR_INVALID;
    if (!spec || !*spec)
        return syntax_error(msg, msg_len, "", 0, "empty");
    for (const char *p = spec;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (board->fault_count + count == SIM_MAX_FAULTS)
            return syntax_error(msg, msg_len, p, len, "too many faults (at most 16)");
        int rc = parse_one(p, len, &parsed[count], msg, msg_len);
        if (rc)
            return rc;
        count++;
        if (!comma)
            break;
        p = comma + 1;
    }
    memcpy(&board->faults[board->fault_count], parsed, count * sizeof(parsed[0]));
    board->fault_count += count;
    return STM32DFU_SIM_OK;
}

struct sim_fault *sim_fault_request(stm32dfu_sim_board *b, uint64_t request_number)
{
    for (size_t i = 0; i < b->fault_count; i++) {
        struct sim_fault *f = &b->faults[i];
        if (!f->fired && !f->by_address && f->value == request_number) {
            f->fired = true;
            return f;
        }
    }
    return NULL;
}

struct sim_fault *sim_fault_range(stm32dfu_sim_board *b, enum sim_fault_kind kind, uint32_t addr,
                                  uint32_t len)
{
    for (size_t i = 0; i < b->fault_count; i++) {
        struct sim_fault *f = &b->faults[i];
        if (!f->fired && f->by_address && f->kind == kind && f->value >= addr &&
            f->value - addr < len) {
            f->fired = true;
            sim_log(b, STM32DFU_SIM_LOG_INFO, "fault fired at 0x%08x", (unsigned)f->value);
            return f;
        }
    }
    return NULL;
}
