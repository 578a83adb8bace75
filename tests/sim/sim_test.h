/* SPDX-License-Identifier: MIT */
/*
 * Helpers of the model's unit tests (cmocka): a board at time scale 0 unless a test asks for
 * another, and control transfers as a host would send them.
 */
#ifndef STM32DFU_SIM_TEST_H
#define STM32DFU_SIM_TEST_H

#include "named_test.h"

#include "stm32dfu_sim.h"

/* DFU 1.1 §6.1.2 states and statuses, as a host names them. */
enum {
    T_appIDLE = 0,
    T_appDETACH = 1,
    T_dfuIDLE = 2,
    T_dfuDNLOAD_SYNC = 3,
    T_dfuDNBUSY = 4,
    T_dfuDNLOAD_IDLE = 5,
    T_dfuMANIFEST_SYNC = 6,
    T_dfuMANIFEST = 7,
    T_dfuMANIFEST_WAIT_RESET = 8,
    T_dfuUPLOAD_IDLE = 9,
    T_dfuERROR = 10,
};
enum {
    T_OK = 0x00,
    T_errTARGET = 0x01,
    T_errWRITE = 0x03,
    T_errERASE = 0x04,
    T_errVERIFY = 0x07,
    T_errFIRMWARE = 0x0a,
    T_errVENDOR = 0x0b,
    T_errUNKNOWN = 0x0e,
    T_errSTALLEDPKT = 0x0f,
};

/* DFU 1.1 Table 3.2 request codes. */
enum { T_DETACH, T_DNLOAD, T_UPLOAD, T_GETSTATUS, T_CLRSTATUS, T_GETSTATE, T_ABORT };

/* A GETSTATUS reply, decoded. */
struct t_status {
    enum stm32dfu_sim_reply_kind kind;
    uint8_t bStatus;
    uint32_t bwPollTimeout;
    uint8_t bState;
    uint64_t hold_us;
    struct stm32dfu_sim_event event;
};

/* The internal flash base of every profile (stm32dfu_sim_board_flash_base). */
#define T_FLASH_BASE 0x08000000u

/* Options for a board of that profile at time scale 0, the others at their defaults. */
struct stm32dfu_sim_options t_options(const char *profile);
/* A board made from t_options(profile), or from opts. Fails the test if creation fails. */
stm32dfu_sim_board *t_board(const char *profile);
stm32dfu_sim_board *t_board_opts(const struct stm32dfu_sim_options *opts);
/* t_board(profile) brought to dfuIDLE with t_to_idle(). */
stm32dfu_sim_board *t_idle_board(const char *profile);

/* The test's clock in µs: every request is sent at this time. */
extern uint64_t t_now_us;

/* Class request to interface 0 (bmRequestType 0x21 OUT / 0xA1 IN). */
struct stm32dfu_sim_reply t_class_out(stm32dfu_sim_board *b, uint8_t req, uint16_t wValue,
                                      const void *data, uint16_t len);
struct stm32dfu_sim_reply t_class_in(stm32dfu_sim_board *b, uint8_t req, uint16_t wValue,
                                     void *data, uint16_t len);
/* Standard request (USB 2.0 Table 9-4), recipient in bmRequestType. */
struct stm32dfu_sim_reply t_standard(stm32dfu_sim_board *b, uint8_t bmRequestType, uint8_t req,
                                     uint16_t wValue, uint16_t wIndex, void *data,
                                     uint16_t wLength);

struct t_status t_getstatus(stm32dfu_sim_board *b);
/* GETSTATE; returns the state byte (fails the test unless ACKed). */
uint8_t t_getstate(stm32dfu_sim_board *b);

/* Fails unless GETSTATUS reports this state and status. */
void t_expect_status(stm32dfu_sim_board *b, uint8_t state, uint8_t status);

/* From dfuERROR/errFIRMWARE or dfuIDLE to dfuIDLE, as dfu-util opens a device. */
void t_to_idle(stm32dfu_sim_board *b);

/* A special command (5-byte form when with_address) and its first GETSTATUS. */
struct t_status t_command(stm32dfu_sim_board *b, uint8_t cmd, uint32_t address, int with_address);
/* A special command run to completion; returns the state reported by the last GETSTATUS. */
struct t_status t_command_done(stm32dfu_sim_board *b, uint8_t cmd, uint32_t address,
                               int with_address);
/* DNLOAD block (>= 2) of len bytes, then GETSTATUS until not dfuDNBUSY; returns that status. */
struct t_status t_write_block(stm32dfu_sim_board *b, uint16_t block, const void *data,
                              uint16_t len);

/* DfuSe command bytes (AN2662 Rev 1 §4.5). */
#define T_SET_ADDRESS    0x21
#define T_ERASE          0x41
#define T_READ_UNPROTECT 0x92

#endif
