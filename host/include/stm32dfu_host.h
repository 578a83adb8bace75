/*
 * libstm32dfu: the host library behind the stm32dfu command line.
 *
 * One public header, one prefix. Every call returns an int: zero (or a count)
 * on success, a negative enum stm32dfu_error on failure. The library never
 * prints and never exits; diagnostics go through the log callback.
 */
#ifndef STM32DFU_HOST_H
#define STM32DFU_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Error codes. 0 is success; every failure is negative. */
enum stm32dfu_error {
    /** Success (no error) */
    STM32DFU_SUCCESS = 0,
    /** An argument is out of range or inconsistent */
    STM32DFU_ERROR_INVALID_ARGUMENT = -1,
    /** Out of memory */
    STM32DFU_ERROR_NO_MEMORY = -2,
    /** An input file could not be opened */
    STM32DFU_ERROR_FILE_OPEN = -3,
    /** An input file could not be read */
    STM32DFU_ERROR_FILE_READ = -4,
    /** An output file could not be written */
    STM32DFU_ERROR_FILE_WRITE = -5,
    /** An input file is malformed (the details name the line or offset) */
    STM32DFU_ERROR_FORMAT = -6,
    /** A checksum or CRC in an input file does not match */
    STM32DFU_ERROR_CRC = -7,
    /** Two parts of an image overlap */
    STM32DFU_ERROR_OVERLAP = -8,
    /** An address lies outside the device's memory map */
    STM32DFU_ERROR_OUT_OF_RANGE = -9,
    /** No matching device was found */
    STM32DFU_ERROR_NO_DEVICE = -10,
    /** Several devices match and none was chosen */
    STM32DFU_ERROR_AMBIGUOUS = -11,
    /** The operating system denied access to the device */
    STM32DFU_ERROR_ACCESS = -12,
    /** The device is busy or claimed by another program */
    STM32DFU_ERROR_BUSY = -13,
    /** A USB transfer timed out */
    STM32DFU_ERROR_TIMEOUT = -14,
    /** The device stalled a request */
    STM32DFU_ERROR_STALL = -15,
    /** The device disconnected */
    STM32DFU_ERROR_DISCONNECTED = -16,
    /** A USB transfer failed */
    STM32DFU_ERROR_USB_IO = -17,
    /** The device replied in a way the protocol does not allow */
    STM32DFU_ERROR_PROTOCOL = -18,
    /** The device reported an error status (bStatus is kept on the handle) */
    STM32DFU_ERROR_DEVICE_STATUS = -19,
    /** Read-back data differs from what was written */
    STM32DFU_ERROR_VERIFY = -20,
    /** The device or file does not support the operation */
    STM32DFU_ERROR_UNSUPPORTED = -21,
    /** The operation would be irreversible and was not confirmed */
    STM32DFU_ERROR_NOT_CONFIRMED = -22,
    /** Any other failure */
    STM32DFU_ERROR_OTHER = -99,
};

/**
 * A short human-readable message for an error code.
 * \param error a value of enum stm32dfu_error
 * \returns a static string that starts with a capital letter and has no closing
 * dot; never NULL (an unknown code gets a generic message)
 */
const char *stm32dfu_strerror(int error);

/**
 * The name of an error code's constant, for logs.
 * \param error a value of enum stm32dfu_error
 * \returns a static string such as "STM32DFU_ERROR_STALL"; never NULL
 * ("STM32DFU_ERROR_UNKNOWN" for an unknown code)
 */
const char *stm32dfu_error_name(int error);

#ifdef __cplusplus
}
#endif

#endif /* STM32DFU_HOST_H */
