/* SPDX-License-Identifier: MIT */
/* The library context: libusb start-up, the log callback, and the one place
 * where libusb codes become enum stm32dfu_error. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "device_private.h"

int stm32dfu_new_context(stm32dfu_context **ctx)
{
    *ctx = NULL;
    stm32dfu_context *c = calloc(1, sizeof(*c));
    if (!c)
        return STM32DFU_ERROR_NO_MEMORY;
    c->transport = &s32dfu_transport_libusb;
    int r = s32dfu_error_from_libusb(NULL, libusb_init(&c->usb), "init");
    if (r < 0) {
        free(c);
        return r;
    }
    *ctx = c;
    return STM32DFU_SUCCESS;
}

int s32dfu_context_new_with_transport(const struct transport *transport, stm32dfu_context **ctx)
{
    *ctx = NULL;
    stm32dfu_context *c = calloc(1, sizeof(*c));
    if (!c)
        return STM32DFU_ERROR_NO_MEMORY;
    c->transport = transport;
    *ctx = c;
    return STM32DFU_SUCCESS;
}

void stm32dfu_free_context(stm32dfu_context *ctx)
{
    if (!ctx)
        return;
    if (ctx->usb)
        libusb_exit(ctx->usb);
    free(ctx);
}

const char *stm32dfu_get_failed_request(const stm32dfu_context *ctx)
{
    return ctx->failed_request ? ctx->failed_request : "";
}

void stm32dfu_set_log_cb(stm32dfu_context *ctx, int max_level, stm32dfu_log_cb cb, void *user_data)
{
    ctx->log_cb = cb;
    ctx->log_user_data = user_data;
    ctx->log_level = cb ? max_level : STM32DFU_LOG_NONE;
}

void s32dfu_log(stm32dfu_context *ctx, int level, const char *format, ...)
{
    if (!ctx || !ctx->log_cb || level > ctx->log_level)
        return;
    char line[512];
    va_list args;
    va_start(args, format);
    vsnprintf(line, sizeof(line), format, args);
    va_end(args);
    ctx->log_cb(level, line, ctx->log_user_data);
}

int s32dfu_error_from_libusb(stm32dfu_context *ctx, int libusb_code, const char *what)
{
    if (libusb_code >= 0)
        return libusb_code;
    s32dfu_log(ctx, STM32DFU_LOG_DEBUG, "%s: %s", what, libusb_error_name(libusb_code));
    if (ctx)
        ctx->failed_request = what;
    switch (libusb_code) {
    case LIBUSB_ERROR_ACCESS:
        return STM32DFU_ERROR_ACCESS;
    case LIBUSB_ERROR_BUSY:
        return STM32DFU_ERROR_BUSY;
    case LIBUSB_ERROR_TIMEOUT:
        return STM32DFU_ERROR_TIMEOUT;
    case LIBUSB_ERROR_PIPE:
        return STM32DFU_ERROR_STALL;
    case LIBUSB_ERROR_NO_DEVICE:
        return STM32DFU_ERROR_DISCONNECTED;
    case LIBUSB_ERROR_NOT_FOUND:
        return STM32DFU_ERROR_NO_DEVICE;
    case LIBUSB_ERROR_NO_MEM:
        return STM32DFU_ERROR_NO_MEMORY;
    case LIBUSB_ERROR_INVALID_PARAM:
        return STM32DFU_ERROR_INVALID_ARGUMENT;
    case LIBUSB_ERROR_NOT_SUPPORTED:
        return STM32DFU_ERROR_UNSUPPORTED;
    /* Babble: the device sent more than the request's wLength. */
    case LIBUSB_ERROR_OVERFLOW:
        return STM32DFU_ERROR_PROTOCOL;
    case LIBUSB_ERROR_IO:
    case LIBUSB_ERROR_INTERRUPTED:
        return STM32DFU_ERROR_USB_IO;
    default:
        return STM32DFU_ERROR_OTHER;
    }
}
