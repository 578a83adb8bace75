/* SPDX-License-Identifier: MIT */
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
    "expected KIND@req=N or KIND@addr=A, KIND one of disconnect, stall, hold-status, sigint, "     \
    "sigterm, "                                                                                    \
    "short-status, long-status, bad-state, bad-status, huge-poll, busy-forever, "                  \
    "junk-descriptor (req), disconnect, errWRITE, errERASE, errVERIFY, bitflip, short-upload, "    \
    "long-upload (addr)"

/* What the malformed-reply faults put in a reply: a bState and a bStatus DFU 1.1 §6.1.2 does not
 * define, the largest bwPollTimeout its 3 bytes hold (4.66 hours), and how many bytes too many
 * a long reply has. */
#define INVALID_CODE 0x2A
#define HUGE_POLL_MS 0xFFFFFFu
#define EXTRA_BYTES  3u

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
    {"short-status", SIM_FAULT_SHORT_STATUS, true, false},
    {"long-status", SIM_FAULT_LONG_STATUS, true, false},
    {"bad-state", SIM_FAULT_BAD_STATE, true, false},
    {"bad-status", SIM_FAULT_BAD_STATUS, true, false},
    {"huge-poll", SIM_FAULT_HUGE_POLL, true, false},
    {"busy-forever", SIM_FAULT_BUSY_FOREVER, true, false},
    {"junk-descriptor", SIM_FAULT_JUNK_DESCRIPTOR, true, false},
    {"short-upload", SIM_FAULT_SHORT_UPLOAD, false, true},
    {"long-upload", SIM_FAULT_LONG_UPLOAD, false, true},
    {"sigint", SIM_FAULT_SIGINT, true, false},
    {"sigterm", SIM_FAULT_SIGTERM, true, false},
};

/* The request a malformed-reply fault waits for; STM32DFU_SIM_REQ_COUNT for the faults that
 * hit request N itself, whatever it is. */
static enum stm32dfu_sim_request reply_target(enum sim_fault_kind kind)
{
    switch (kind) {
    case SIM_FAULT_SHORT_STATUS:
    case SIM_FAULT_LONG_STATUS:
    case SIM_FAULT_BAD_STATE:
    case SIM_FAULT_BAD_STATUS:
    case SIM_FAULT_HUGE_POLL:
    case SIM_FAULT_BUSY_FOREVER:
        return STM32DFU_SIM_REQ_GETSTATUS;
    case SIM_FAULT_JUNK_DESCRIPTOR:
        return STM32DFU_SIM_REQ_GET_DESCRIPTOR;
    default:
        return STM32DFU_SIM_REQ_COUNT;
    }
}

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
        if (!f->fired && !f->by_address && reply_target(f->kind) == STM32DFU_SIM_REQ_COUNT &&
            f->value == request_number) {
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

/* The first unfired malformed-reply fault waiting for this request. */
static struct sim_fault *reply_fault(stm32dfu_sim_board *b, enum stm32dfu_sim_request request)
{
    for (size_t i = 0; i < b->fault_count; i++) {
        struct sim_fault *f = &b->faults[i];
        if (!f->fired && !f->by_address && reply_target(f->kind) == request &&
            f->value <= b->stats.control_requests)
            return f;
    }
    return NULL;
}

/* DFU 1.1 §6.1.2 GETSTATUS reply: bStatus, bwPollTimeout (3 bytes LE), bState, iString. */
static void hung_status(uint8_t *data, uint16_t wLength, struct stm32dfu_sim_reply *r)
{
    const uint8_t st[6] = {
        0, HUGE_POLL_MS & 0xFF, (HUGE_POLL_MS >> 8) & 0xFF, HUGE_POLL_MS >> 16, 4 /* dfuDNBUSY */,
        0};
    sim_reply_in(r, data, wLength, st, sizeof(st));
}

bool sim_fault_hung_status(stm32dfu_sim_board *b, enum stm32dfu_sim_request request, uint8_t *data,
                           uint16_t wLength, struct stm32dfu_sim_reply *r)
{
    if (!b->hung_busy || request != STM32DFU_SIM_REQ_GETSTATUS)
        return false;
    hung_status(data, wLength, r);
    return true;
}

/* A reply EXTRA_BYTES longer than it should be: padded with zeros while wLength leaves room,
 * else more than the host asked for, which the host controller reports as babble. */
static void lengthen(uint8_t *data, uint16_t wLength, struct stm32dfu_sim_reply *r)
{
    if (r->len + EXTRA_BYTES > wLength) {
        r->len = wLength;
        r->overflow = true;
        return;
    }
    memset(data + r->len, 0, EXTRA_BYTES);
    r->len += EXTRA_BYTES;
}

void sim_fault_mangle_reply(stm32dfu_sim_board *b, enum stm32dfu_sim_request request, uint8_t *data,
                            uint16_t wLength, struct stm32dfu_sim_reply *r)
{
    struct sim_fault *f = reply_fault(b, request);
    if (!f || r->kind != STM32DFU_SIM_REPLY_ACK)
        return;
    bool status = request == STM32DFU_SIM_REQ_GETSTATUS && r->len == 6;
    if (request == STM32DFU_SIM_REQ_GETSTATUS && !status)
        return;
    /* huge-poll waits for a dfuDNBUSY reply: only then does a host sleep bwPollTimeout. */
    if (f->kind == SIM_FAULT_HUGE_POLL && data[4] != 4 /* dfuDNBUSY */)
        return;
    f->fired = true;
    sim_log(b, STM32DFU_SIM_LOG_INFO, "fault fired at request %llu",
            (unsigned long long)b->stats.control_requests);
    switch (f->kind) {
    case SIM_FAULT_SHORT_STATUS:
        r->len = 3;
        break;
    case SIM_FAULT_LONG_STATUS:
        lengthen(data, wLength, r);
        break;
    case SIM_FAULT_BAD_STATE:
        data[4] = INVALID_CODE;
        break;
    case SIM_FAULT_BAD_STATUS:
        data[0] = INVALID_CODE;
        break;
    case SIM_FAULT_HUGE_POLL:
        data[1] = HUGE_POLL_MS & 0xFF;
        data[2] = (HUGE_POLL_MS >> 8) & 0xFF;
        data[3] = HUGE_POLL_MS >> 16;
        break;
    case SIM_FAULT_BUSY_FOREVER:
        b->hung_busy = true;
        hung_status(data, wLength, r);
        break;
    default: {
        /* junk-descriptor: a length that claims more than is sent, a type no one defines */
        const uint8_t junk[7] = {0xFF, INVALID_CODE, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5};
        sim_reply_in(r, data, wLength, junk, sizeof(junk));
        break;
    }
    }
}

void sim_fault_mangle_upload(stm32dfu_sim_board *b, uint32_t addr, uint8_t *data, uint16_t wLength,
                             struct stm32dfu_sim_reply *r)
{
    if (sim_fault_range(b, SIM_FAULT_SHORT_UPLOAD, addr, (uint32_t)r->len))
        r->len /= 2;
    else if (sim_fault_range(b, SIM_FAULT_LONG_UPLOAD, addr, (uint32_t)r->len))
        lengthen(data, wLength, r);
}
