/* SPDX-License-Identifier: MIT */
/*
 * Fault injection (stm32dfu_sim_board_add_faults) and the log of unexpected requests.
 */
#include "sim_test.h"

#include <stdio.h>
#include <string.h>

static stm32dfu_sim_board *faulty(const char *spec)
{
    stm32dfu_sim_board *b = t_board("stm32f107");
    char msg[256] = "";
    if (stm32dfu_sim_board_add_faults(b, spec, msg, sizeof(msg)) != STM32DFU_SIM_OK)
        fail_msg("%s: %s", spec, msg);
    return b;
}

static void syntax_errors_name_the_part(void **state)
{
    (void)state;
    static const struct {
        const char *spec;
        const char *fragment;
    } cases[] = {
        {"boom@req=1", "unknown kind"},
        {"stall@addr=0x08000000", "trigger not allowed"},
        {"errWRITE@req=3", "trigger not allowed"},
        {"stall@req=0", "request number"},
        {"stall@req=x1", "request number"},
        {"errWRITE@addr=0x1000000000", "32-bit address"},
        {"disconnect", "missing"},
        {"stall@req=1,", "missing"},
        {"", "empty"},
        {"bad-state@addr=0x08000000", "trigger not allowed"},
        {"short-upload@req=2", "trigger not allowed"},
    };
    stm32dfu_sim_board *b = t_board("stm32f107");
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char msg[512] = "";
        int rc = stm32dfu_sim_board_add_faults(b, cases[i].spec, msg, sizeof(msg));
        if (rc != STM32DFU_SIM_ERROR_FAULT_SYNTAX || !strstr(msg, cases[i].fragment) ||
            !strstr(msg, "expected KIND@"))
            fail_msg("\"%s\": rc %d, message \"%s\"", cases[i].spec, rc, msg);
    }
    stm32dfu_sim_free_board(b);
}

static void disconnect_at_request(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = faulty("disconnect@req=3");
    assert_int_equal(t_getstatus(b).kind, STM32DFU_SIM_REPLY_ACK);
    assert_int_equal(t_getstatus(b).kind, STM32DFU_SIM_REPLY_ACK);
    struct t_status st = t_getstatus(b);
    assert_int_equal(st.kind, STM32DFU_SIM_REPLY_NONE);
    assert_int_equal(st.event.kind, STM32DFU_SIM_EVENT_DISCONNECT);
    assert_false(stm32dfu_sim_board_attached(b));
    assert_int_equal(t_getstatus(b).kind, STM32DFU_SIM_REPLY_NONE);
    stm32dfu_sim_free_board(b);
}

static void stall_at_request(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = faulty("stall@req=2");
    assert_int_equal(t_getstatus(b).kind, STM32DFU_SIM_REPLY_ACK);
    assert_int_equal(t_getstatus(b).kind, STM32DFU_SIM_REPLY_STALL);
    t_expect_status(b, T_dfuIDLE, T_OK); /* once only, state untouched */
    stm32dfu_sim_free_board(b);
}

static void hold_status_hangs(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = faulty("hold-status@req=1");
    assert_int_equal(t_getstatus(b).kind, STM32DFU_SIM_REPLY_HANG);
    assert_true(stm32dfu_sim_board_attached(b));
    t_expect_status(b, T_dfuIDLE, T_OK);
    stm32dfu_sim_free_board(b);
}

static void fill_block(uint8_t *data, size_t len)
{
    for (size_t i = 0; i < len; i++)
        data[i] = (uint8_t)(i & 0x7f);
}

static void err_write_at_address(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = faulty("errWRITE@addr=0x08000010");
    uint8_t data[32];
    fill_block(data, sizeof(data));
    struct t_status st = t_write_block(b, 2, data, sizeof(data));
    assert_int_equal(st.bState, T_dfuERROR);
    assert_int_equal(st.bStatus, T_errWRITE);
    const uint8_t *flash = stm32dfu_sim_board_flash(b);
    assert_memory_equal(flash, data, 16);
    assert_int_equal(flash[16], 0xff);
    stm32dfu_sim_free_board(b);
}

static void err_erase_at_address(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = faulty("errERASE@addr=0x08000900");
    struct t_status st = t_command_done(b, T_ERASE, 0x08000800, 1);
    assert_int_equal(st.bState, T_dfuERROR);
    assert_int_equal(st.bStatus, T_errERASE);
    stm32dfu_sim_free_board(b);
}

static void err_verify_at_address(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = faulty("errVERIFY@addr=0x08000004");
    uint8_t data[8];
    fill_block(data, sizeof(data));
    struct t_status st = t_write_block(b, 2, data, sizeof(data));
    assert_int_equal(st.bStatus, T_errVERIFY);
    assert_memory_equal(stm32dfu_sim_board_flash(b), data, sizeof(data));
    stm32dfu_sim_free_board(b);
}

static void bitflip_at_address(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = faulty("bitflip@addr=0x08000003");
    uint8_t data[8];
    fill_block(data, sizeof(data));
    struct t_status st = t_write_block(b, 2, data, sizeof(data));
    assert_int_equal(st.bState, T_dfuDNLOAD_IDLE);
    assert_int_equal(st.bStatus, T_OK);
    assert_int_equal(stm32dfu_sim_board_flash(b)[3], data[3] ^ 0x01);
    assert_int_equal(stm32dfu_sim_board_flash(b)[4], data[4]);
    stm32dfu_sim_free_board(b);
}

static void disconnect_at_address(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = faulty("disconnect@addr=0x08000008");
    uint8_t data[16];
    fill_block(data, sizeof(data));
    assert_int_equal(t_class_out(b, T_DNLOAD, 2, data, sizeof(data)).kind, 0);
    struct t_status st = t_getstatus(b);
    assert_int_equal(st.kind, STM32DFU_SIM_REPLY_NONE);
    assert_int_equal(st.event.kind, STM32DFU_SIM_EVENT_DISCONNECT);
    assert_memory_equal(stm32dfu_sim_board_flash(b), data, 8);
    assert_int_equal(stm32dfu_sim_board_flash(b)[8], 0xff);
    stm32dfu_sim_free_board(b);
}

/* Option-byte writes (F107, 16 bytes at 0x1FFFF800): the inverse of the current bytes is sent
 * with DNLOAD, then the first GETSTATUS runs the write. */
#define T_F107_OPTION_BYTES 0x1FFFF800u
struct option_write {
    struct t_status status;
    uint8_t before[16];
    uint8_t sent[16];
    uint8_t after[16];
};

static struct option_write option_write(stm32dfu_sim_board *b)
{
    struct option_write w;
    assert_int_equal(stm32dfu_sim_board_read(b, T_F107_OPTION_BYTES, w.before, 16), 0);
    for (size_t i = 0; i < 16; i++)
        w.sent[i] = (uint8_t)~w.before[i];
    t_command_done(b, T_SET_ADDRESS, T_F107_OPTION_BYTES, 1);
    assert_int_equal(t_class_out(b, T_DNLOAD, 2, w.sent, 16).kind, STM32DFU_SIM_REPLY_ACK);
    w.status = t_getstatus(b);
    assert_int_equal(stm32dfu_sim_board_read(b, T_F107_OPTION_BYTES, w.after, 16), 0);
    return w;
}

static void option_bytes_err_write(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = faulty("errWRITE@addr=0x1FFFF804");
    struct option_write w = option_write(b);
    assert_int_equal(w.status.event.kind, STM32DFU_SIM_EVENT_NONE);
    t_expect_status(b, T_dfuERROR, T_errWRITE);
    assert_memory_equal(w.after, w.before, 16);
    stm32dfu_sim_free_board(b);
}

static void option_bytes_err_verify(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = faulty("errVERIFY@addr=0x1FFFF800");
    struct option_write w = option_write(b);
    assert_int_equal(w.status.event.kind, STM32DFU_SIM_EVENT_NONE);
    t_expect_status(b, T_dfuERROR, T_errVERIFY);
    assert_memory_equal(w.after, w.sent, 16);
    stm32dfu_sim_free_board(b);
}

static void option_bytes_bitflip(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = faulty("bitflip@addr=0x1FFFF803");
    struct option_write w = option_write(b);
    assert_int_equal(w.status.event.kind, STM32DFU_SIM_EVENT_REENUMERATE);
    assert_int_equal(w.after[3], w.sent[3] ^ 0x01);
    assert_memory_equal(w.after + 4, w.sent + 4, 12);
    stm32dfu_sim_free_board(b);
}

static void option_bytes_disconnect(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = faulty("disconnect@addr=0x1FFFF808");
    struct option_write w = option_write(b);
    assert_int_equal(w.status.kind, STM32DFU_SIM_REPLY_NONE);
    assert_int_equal(w.status.event.kind, STM32DFU_SIM_EVENT_DISCONNECT);
    assert_memory_equal(w.after, w.before, 16);
    stm32dfu_sim_free_board(b);
}

static void several_faults_in_one_spec(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = faulty("stall@req=1,stall@req=3");
    assert_int_equal(t_getstatus(b).kind, STM32DFU_SIM_REPLY_STALL);
    assert_int_equal(t_getstatus(b).kind, STM32DFU_SIM_REPLY_ACK);
    assert_int_equal(t_getstatus(b).kind, STM32DFU_SIM_REPLY_STALL);
    stm32dfu_sim_free_board(b);
}

struct log_capture {
    int unexpected;
    char text[4096];
};

/* A GETSTATUS whose reply the test reads raw. */
static struct stm32dfu_sim_reply raw_status(stm32dfu_sim_board *b, uint8_t st[6])
{
    memset(st, 0, 6);
    return t_class_in(b, T_GETSTATUS, 0, st, 6);
}

static void short_status_answers_three_bytes(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = faulty("short-status@req=2");
    uint8_t st[6];
    assert_int_equal(raw_status(b, st).len, 6);
    struct stm32dfu_sim_reply r = raw_status(b, st);
    assert_int_equal(r.kind, STM32DFU_SIM_REPLY_ACK);
    assert_int_equal(r.len, 3);
    t_expect_status(b, T_dfuIDLE, T_OK); /* once only */
    stm32dfu_sim_free_board(b);
}

static void long_status_overflows(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = faulty("long-status@req=1");
    uint8_t st[6];
    struct stm32dfu_sim_reply r = raw_status(b, st);
    assert_true(r.overflow);
    assert_int_equal(r.len, 6);
    assert_false(raw_status(b, st).overflow);
    stm32dfu_sim_free_board(b);
}

static void long_status_fits_a_longer_wLength(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = faulty("long-status@req=1");
    uint8_t st[16];
    struct stm32dfu_sim_reply r = t_class_in(b, T_GETSTATUS, 0, st, sizeof(st));
    assert_false(r.overflow);
    assert_int_equal(r.len, 9);
    stm32dfu_sim_free_board(b);
}

static void bad_state_and_status_are_undefined_codes(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = faulty("bad-state@req=1,bad-status@req=2");
    uint8_t st[6];
    raw_status(b, st);
    assert_int_equal(st[4], 0x2A);
    assert_int_equal(st[0], T_OK);
    raw_status(b, st);
    assert_int_equal(st[0], 0x2A);
    assert_int_equal(st[4], T_dfuIDLE);
    t_expect_status(b, T_dfuIDLE, T_OK); /* the model's own state is untouched */
    stm32dfu_sim_free_board(b);
}

static void huge_poll_waits_for_dnbusy(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = faulty("huge-poll@req=1");
    t_expect_status(b, T_dfuIDLE, T_OK); /* not busy: not this one */
    struct t_status st = t_command(b, T_SET_ADDRESS, T_FLASH_BASE, 1);
    assert_int_equal(st.bState, T_dfuDNBUSY);
    assert_int_equal(st.bwPollTimeout, 0xFFFFFF);
    t_expect_status(b, T_dfuDNLOAD_IDLE, T_OK); /* the command still ends on time */
    stm32dfu_sim_free_board(b);
}

static void busy_forever_until_bus_reset(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = faulty("busy-forever@req=2");
    t_expect_status(b, T_dfuIDLE, T_OK);
    for (int i = 0; i < 3; i++) {
        struct t_status st = t_getstatus(b);
        assert_int_equal(st.bState, T_dfuDNBUSY);
        assert_int_equal(st.bwPollTimeout, 0xFFFFFF);
        t_now_us += 1000000;
    }
    stm32dfu_sim_board_bus_reset(b, t_now_us);
    t_expect_status(b, T_dfuIDLE, T_OK);
    stm32dfu_sim_free_board(b);
}

static void junk_descriptor_replaces_a_string(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = faulty("junk-descriptor@req=1");
    uint8_t d[255];
    struct stm32dfu_sim_reply r = t_standard(b, 0x80, 6, 0x0300, 0, d, sizeof(d));
    assert_int_equal(r.kind, STM32DFU_SIM_REPLY_ACK);
    assert_int_equal(r.len, 7);
    assert_int_equal(d[0], 0xFF);
    assert_int_equal(d[1], 0x2A);
    r = t_standard(b, 0x80, 6, 0x0300, 0, d, sizeof(d));
    assert_int_equal(d[1], 3); /* once only: a string descriptor again */
    stm32dfu_sim_free_board(b);
}

/* UPLOAD of block 2, 64 bytes, from the flash base. */
static struct stm32dfu_sim_reply upload_first_block(stm32dfu_sim_board *b, uint8_t *d)
{
    t_command_done(b, T_SET_ADDRESS, T_FLASH_BASE, 1);
    assert_int_equal(t_class_out(b, T_ABORT, 0, NULL, 0).kind, STM32DFU_SIM_REPLY_ACK);
    return t_class_in(b, T_UPLOAD, 2, d, 64);
}

static void short_upload_at_address(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = faulty("short-upload@addr=0x08000020");
    uint8_t d[64];
    struct stm32dfu_sim_reply r = upload_first_block(b, d);
    assert_int_equal(r.kind, STM32DFU_SIM_REPLY_ACK);
    assert_int_equal(r.len, 32);
    assert_false(r.overflow);
    stm32dfu_sim_free_board(b);
}

static void long_upload_at_address(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = faulty("long-upload@addr=0x08000000");
    uint8_t d[64];
    struct stm32dfu_sim_reply r = upload_first_block(b, d);
    assert_true(r.overflow);
    assert_int_equal(r.len, 64);
    stm32dfu_sim_free_board(b);
}

static void capture_cb(enum stm32dfu_sim_log_level level, const char *message, void *user_data)
{
    struct log_capture *c = user_data;
    if (level != STM32DFU_SIM_LOG_UNEXPECTED)
        return;
    c->unexpected++;
    size_t used = strlen(c->text);
    snprintf(c->text + used, sizeof(c->text) - used, "%s\n", message);
}

static void unexpected_request_logged_with_setup_and_data(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_board("stm32f107");
    struct log_capture cap = {0};
    stm32dfu_sim_board_set_log_cb(b, capture_cb, &cap);
    uint8_t data[3] = {0xde, 0xad, 0x01};
    struct stm32dfu_sim_reply r = t_standard(b, 0x40, 0x55, 0x1234, 0, data, sizeof(data));
    assert_int_equal(r.kind, STM32DFU_SIM_REPLY_STALL);
    assert_int_equal(cap.unexpected, 2); /* the SETUP line and one data line */
    assert_non_null(strstr(cap.text, "bmRequestType=0x40"));
    assert_non_null(strstr(cap.text, "bRequest=0x55"));
    assert_non_null(strstr(cap.text, "wValue=0x1234"));
    assert_non_null(strstr(cap.text, "+0x0000: de ad 01\n"));
    stm32dfu_sim_free_board(b);
}

/* A DNLOAD refused in dfuERROR is logged with all of its data. */
static void unexpected_request_logs_all_data(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_board("stm32f405"); /* starts in dfuERROR */
    struct log_capture cap = {0};
    stm32dfu_sim_board_set_log_cb(b, capture_cb, &cap);
    uint8_t data[40];
    memset(data, 0x5a, sizeof(data));
    data[39] = 0xc3;
    assert_int_equal(t_class_out(b, T_DNLOAD, 2, data, sizeof(data)).kind,
                     STM32DFU_SIM_REPLY_STALL);
    assert_int_equal(cap.unexpected, 3);
    assert_non_null(strstr(cap.text, "STALL DNLOAD"));
    assert_non_null(strstr(cap.text, "+0x0020: 5a 5a 5a 5a 5a 5a 5a c3\n"));
    stm32dfu_sim_free_board(b);
}

/* A short block followed by the next block number leaves a gap (AN2662 §4.4 formula). */
static void short_non_final_block_flagged(void **state)
{
    (void)state;
    stm32dfu_sim_board *b = t_board("stm32f107");
    struct log_capture cap = {0};
    stm32dfu_sim_board_set_log_cb(b, capture_cb, &cap);
    uint8_t data[2048] = {0};
    assert_int_equal(t_write_block(b, 2, data, 2048).bState, T_dfuDNLOAD_IDLE);
    assert_int_equal(t_write_block(b, 3, data, 100).bState, T_dfuDNLOAD_IDLE);
    assert_int_equal(cap.unexpected, 0);
    assert_int_equal(t_write_block(b, 4, data, 100).bState, T_dfuDNLOAD_IDLE);
    assert_int_equal(cap.unexpected, 1);
    assert_non_null(strstr(cap.text, "block 4 follows block 3 of only 100 bytes"));
    stm32dfu_sim_free_board(b);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        NAMED_TEST("sim/fault/syntax-errors-name-the-part", syntax_errors_name_the_part),
        NAMED_TEST("sim/fault/disconnect-at-request", disconnect_at_request),
        NAMED_TEST("sim/fault/stall-at-request", stall_at_request),
        NAMED_TEST("sim/fault/hold-status-hangs", hold_status_hangs),
        NAMED_TEST("sim/fault/errWRITE-at-address", err_write_at_address),
        NAMED_TEST("sim/fault/errERASE-at-address", err_erase_at_address),
        NAMED_TEST("sim/fault/errVERIFY-at-address", err_verify_at_address),
        NAMED_TEST("sim/fault/bitflip-at-address", bitflip_at_address),
        NAMED_TEST("sim/fault/disconnect-at-address", disconnect_at_address),
        NAMED_TEST("sim/fault/option-bytes-err-write", option_bytes_err_write),
        NAMED_TEST("sim/fault/option-bytes-err-verify", option_bytes_err_verify),
        NAMED_TEST("sim/fault/option-bytes-bitflip", option_bytes_bitflip),
        NAMED_TEST("sim/fault/option-bytes-disconnect", option_bytes_disconnect),
        NAMED_TEST("sim/fault/several-in-one-spec", several_faults_in_one_spec),
        NAMED_TEST("sim/fault/short-status-answers-three-bytes", short_status_answers_three_bytes),
        NAMED_TEST("sim/fault/long-status-overflows", long_status_overflows),
        NAMED_TEST("sim/fault/long-status-fits-a-longer-wLength",
                   long_status_fits_a_longer_wLength),
        NAMED_TEST("sim/fault/bad-state-and-status-are-undefined-codes",
                   bad_state_and_status_are_undefined_codes),
        NAMED_TEST("sim/fault/huge-poll-waits-for-dnbusy", huge_poll_waits_for_dnbusy),
        NAMED_TEST("sim/fault/busy-forever-until-bus-reset", busy_forever_until_bus_reset),
        NAMED_TEST("sim/fault/junk-descriptor-replaces-a-string",
                   junk_descriptor_replaces_a_string),
        NAMED_TEST("sim/fault/short-upload-at-address", short_upload_at_address),
        NAMED_TEST("sim/fault/long-upload-at-address", long_upload_at_address),
        NAMED_TEST("sim/log/unexpected-request-logged-with-setup-and-data",
                   unexpected_request_logged_with_setup_and_data),
        NAMED_TEST("sim/log/unexpected-request-logs-all-data", unexpected_request_logs_all_data),
        NAMED_TEST("sim/log/short-non-final-block-flagged", short_non_final_block_flagged),
    };
    return named_test_main(argc, argv, "sim", tests, sizeof(tests) / sizeof(tests[0]));
}
