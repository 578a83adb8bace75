/* SPDX-License-Identifier: MIT */
/* Helpers of the model's unit tests. */
#include "sim_test.h"

#include <string.h>

uint64_t t_now_us;

stm32dfu_sim_board *t_board_opts(const struct stm32dfu_sim_options *opts)
{
    stm32dfu_sim_board *b = NULL;
    char msg[256] = "";
    int rc = stm32dfu_sim_new_board(opts, &b, msg, sizeof(msg));
    if (rc != STM32DFU_SIM_OK)
        fail_msg("board_new(%s): %d %s", opts->profile, rc, msg);
    t_now_us = 0;
    return b;
}

struct stm32dfu_sim_options t_options(const char *profile)
{
    struct stm32dfu_sim_options o;
    stm32dfu_sim_options_init(&o);
    o.profile = profile;
    o.time_scale = 0;
    o.bus_time = false; /* the timing tests give exact device times; bus time has its own */
    return o;
}

stm32dfu_sim_board *t_board(const char *profile)
{
    struct stm32dfu_sim_options o = t_options(profile);
    return t_board_opts(&o);
}

static struct stm32dfu_sim_reply control(stm32dfu_sim_board *b, struct stm32dfu_sim_setup s,
                                         void *data)
{
    struct stm32dfu_sim_reply r;
    assert_int_equal(stm32dfu_sim_board_control(b, t_now_us, &s, data, &r), STM32DFU_SIM_OK);
    if (r.done_us > t_now_us)
        t_now_us = r.done_us;
    return r;
}

struct stm32dfu_sim_reply t_class_out(stm32dfu_sim_board *b, uint8_t req, uint16_t wValue,
                                      const void *data, uint16_t len)
{
    uint8_t buf[4096];
    assert_true(len <= sizeof(buf));
    if (len)
        memcpy(buf, data, len);
    struct stm32dfu_sim_setup s = {0x21, req, wValue, 0, len};
    return control(b, s, buf);
}

struct stm32dfu_sim_reply t_class_in(stm32dfu_sim_board *b, uint8_t req, uint16_t wValue,
                                     void *data, uint16_t len)
{
    struct stm32dfu_sim_setup s = {0xa1, req, wValue, 0, len};
    return control(b, s, data);
}

struct stm32dfu_sim_reply t_standard(stm32dfu_sim_board *b, uint8_t bmRequestType, uint8_t req,
                                     uint16_t wValue, uint16_t wIndex, void *data, uint16_t wLength)
{
    struct stm32dfu_sim_setup s = {bmRequestType, req, wValue, wIndex, wLength};
    return control(b, s, data);
}

struct t_status t_getstatus(stm32dfu_sim_board *b)
{
    uint8_t st[6] = {0};
    struct stm32dfu_sim_reply r = t_class_in(b, T_GETSTATUS, 0, st, sizeof(st));
    struct t_status out = {.kind = r.kind, .hold_us = r.hold_us, .event = r.event};
    if (r.kind == STM32DFU_SIM_REPLY_ACK) {
        assert_int_equal(r.len, 6);
        out.bStatus = st[0];
        out.bwPollTimeout = (uint32_t)st[1] | (uint32_t)st[2] << 8 | (uint32_t)st[3] << 16;
        out.bState = st[4];
    }
    return out;
}

uint8_t t_getstate(stm32dfu_sim_board *b)
{
    uint8_t state = 0xff;
    struct stm32dfu_sim_reply r = t_class_in(b, T_GETSTATE, 0, &state, 1);
    assert_int_equal(r.kind, STM32DFU_SIM_REPLY_ACK);
    assert_int_equal(r.len, 1);
    return state;
}

void t_expect_status(stm32dfu_sim_board *b, uint8_t state, uint8_t status)
{
    struct t_status st = t_getstatus(b);
    assert_int_equal(st.kind, STM32DFU_SIM_REPLY_ACK);
    assert_int_equal(st.bState, state);
    assert_int_equal(st.bStatus, status);
}

void t_to_idle(stm32dfu_sim_board *b)
{
    if (t_getstatus(b).bState == T_dfuERROR)
        assert_int_equal(t_class_out(b, T_CLRSTATUS, 0, NULL, 0).kind, STM32DFU_SIM_REPLY_ACK);
    t_expect_status(b, T_dfuIDLE, T_OK);
}

stm32dfu_sim_board *t_idle_board(const char *profile)
{
    stm32dfu_sim_board *b = t_board(profile);
    t_to_idle(b);
    return b;
}

struct t_status t_command(stm32dfu_sim_board *b, uint8_t cmd, uint32_t address, int with_address)
{
    uint8_t d[5] = {cmd, (uint8_t)address, (uint8_t)(address >> 8), (uint8_t)(address >> 16),
                    (uint8_t)(address >> 24)};
    struct stm32dfu_sim_reply r = t_class_out(b, T_DNLOAD, 0, d, with_address ? 5 : 1);
    assert_int_equal(r.kind, STM32DFU_SIM_REPLY_ACK);
    return t_getstatus(b);
}

static struct t_status poll_until_done(stm32dfu_sim_board *b, struct t_status st)
{
    for (int i = 0; i < 16 && st.kind == STM32DFU_SIM_REPLY_ACK && st.bState == T_dfuDNBUSY; i++) {
        t_now_us += (uint64_t)st.bwPollTimeout * 1000;
        st = t_getstatus(b);
    }
    return st;
}

struct t_status t_command_done(stm32dfu_sim_board *b, uint8_t cmd, uint32_t address,
                               int with_address)
{
    return poll_until_done(b, t_command(b, cmd, address, with_address));
}

struct t_status t_write_block(stm32dfu_sim_board *b, uint16_t block, const void *data, uint16_t len)
{
    struct stm32dfu_sim_reply r = t_class_out(b, T_DNLOAD, block, data, len);
    assert_int_equal(r.kind, STM32DFU_SIM_REPLY_ACK);
    return poll_until_done(b, t_getstatus(b));
}
