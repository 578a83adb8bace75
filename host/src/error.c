/* SPDX-License-Identifier: MIT */
/* Messages and names for enum stm32dfu_error. */
#include "stm32dfu_host.h"

struct error_text {
    const char *name;
    const char *message;
};

/* The most negative code before STM32DFU_ERROR_OTHER; a new code goes after
 * it, and the static assertion below fails until the table has its row. */
#define LAST_SPECIFIC_ERROR STM32DFU_ERROR_DEVICE_TIMEOUT

/* Indexed by -code; tests/host/test_error.c checks every constant of the
 * header against this table. */
#define NAMED(code, text)                                                                          \
    {                                                                                              \
        .name = #code, .message = text                                                             \
    }
#define ERROR_TEXT(code, text) [-(code)] = NAMED(code, text)

static const struct error_text error_texts[] = {
    ERROR_TEXT(STM32DFU_SUCCESS, "Success"),
    ERROR_TEXT(STM32DFU_ERROR_INVALID_ARGUMENT, "Invalid argument"),
    ERROR_TEXT(STM32DFU_ERROR_NO_MEMORY, "Out of memory"),
    ERROR_TEXT(STM32DFU_ERROR_FILE_OPEN, "Cannot open file"),
    ERROR_TEXT(STM32DFU_ERROR_FILE_READ, "Cannot read file"),
    ERROR_TEXT(STM32DFU_ERROR_FILE_WRITE, "Cannot write file"),
    ERROR_TEXT(STM32DFU_ERROR_FORMAT, "Malformed input file"),
    ERROR_TEXT(STM32DFU_ERROR_CRC, "Checksum mismatch in input file"),
    ERROR_TEXT(STM32DFU_ERROR_OVERLAP, "Image segments overlap"),
    ERROR_TEXT(STM32DFU_ERROR_OUT_OF_RANGE, "Address outside the device memory map"),
    ERROR_TEXT(STM32DFU_ERROR_NO_DEVICE, "No matching DFU device"),
    ERROR_TEXT(STM32DFU_ERROR_AMBIGUOUS, "Several devices match"),
    ERROR_TEXT(STM32DFU_ERROR_ACCESS, "Access to the USB device denied"),
    ERROR_TEXT(STM32DFU_ERROR_BUSY, "Device busy or claimed by another program"),
    ERROR_TEXT(STM32DFU_ERROR_TIMEOUT, "USB transfer timed out"),
    ERROR_TEXT(STM32DFU_ERROR_STALL, "Device stalled the request"),
    ERROR_TEXT(STM32DFU_ERROR_DISCONNECTED, "Device disconnected"),
    ERROR_TEXT(STM32DFU_ERROR_USB_IO, "USB transfer failed"),
    ERROR_TEXT(STM32DFU_ERROR_PROTOCOL, "Unexpected reply from the device"),
    ERROR_TEXT(STM32DFU_ERROR_DEVICE_STATUS, "Device reported an error status"),
    ERROR_TEXT(STM32DFU_ERROR_VERIFY, "Read-back differs from the image"),
    ERROR_TEXT(STM32DFU_ERROR_UNSUPPORTED, "Operation not supported"),
    ERROR_TEXT(STM32DFU_ERROR_NOT_CONFIRMED, "Irreversible operation not confirmed"),
    ERROR_TEXT(STM32DFU_ERROR_DEVICE_TIMEOUT, "Device still busy when its time bound ran out"),
};

_Static_assert(sizeof(error_texts) / sizeof(error_texts[0]) == 1 - LAST_SPECIFIC_ERROR,
               "one message per error code from STM32DFU_SUCCESS to LAST_SPECIFIC_ERROR");

static const struct error_text other_text = NAMED(STM32DFU_ERROR_OTHER, "Other error");

static const struct error_text *find_error(int code)
{
    if (code == STM32DFU_ERROR_OTHER)
        return &other_text;
    if (code > 0 || code < LAST_SPECIFIC_ERROR || !error_texts[-code].name)
        return NULL;
    return &error_texts[-code];
}

const char *stm32dfu_strerror(int error)
{
    const struct error_text *text = find_error(error);
    return text ? text->message : "Unknown error";
}

const char *stm32dfu_error_name(int error)
{
    const struct error_text *text = find_error(error);
    return text ? text->name : "STM32DFU_ERROR_UNKNOWN";
}
