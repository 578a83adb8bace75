/* SPDX-License-Identifier: MIT */
/* Spec spellings of DFU states and statuses (DFU 1.1 §6.1.2), for messages. */
#include "stm32dfu_host.h"

static const char *const state_names[] = {
    "appIDLE",        "appDETACH",        "dfuIDLE",     "dfuDNLOAD-SYNC",         "dfuDNBUSY",
    "dfuDNLOAD-IDLE", "dfuMANIFEST-SYNC", "dfuMANIFEST", "dfuMANIFEST-WAIT-RESET", "dfuUPLOAD-IDLE",
    "dfuERROR",
};

static const char *const status_names[] = {
    "OK",      "errTARGET", "errFILE",    "errWRITE",      "errERASE",    "errCHECK_ERASED",
    "errPROG", "errVERIFY", "errADDRESS", "errNOTDONE",    "errFIRMWARE", "errVENDOR",
    "errUSBR", "errPOR",    "errUNKNOWN", "errSTALLEDPKT",
};

_Static_assert(sizeof(state_names) / sizeof(state_names[0]) == STM32DFU_STATE_DFU_ERROR + 1,
               "one name per DFU state");
_Static_assert(sizeof(status_names) / sizeof(status_names[0]) == STM32DFU_STATUS_ERR_STALLEDPKT + 1,
               "one name per DFU status");

const char *stm32dfu_state_name(int bState)
{
    if (bState < 0 || bState > STM32DFU_STATE_DFU_ERROR)
        return "unknown state";
    return state_names[bState];
}

const char *stm32dfu_status_name(int bStatus)
{
    if (bStatus < 0 || bStatus > STM32DFU_STATUS_ERR_STALLEDPKT)
        return "unknown status";
    return status_names[bStatus];
}
