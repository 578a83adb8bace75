/* SPDX-License-Identifier: MIT */
/*
 * Protocol constants the model speaks: USB 2.0 standard requests, DFU 1.1 class requests,
 * states and statuses, and the DfuSe special commands of the ST ROM bootloader.
 *
 * A separate copy on purpose. The simulator is the judge the host library is tested
 * against, so it does not include the host's definitions (host/include/stm32dfu_host.h,
 * host/src/device_private.h): a wrong value there would otherwise be wrong here too, and no
 * test would notice. The names are the host's, so that one name finds a constant in the host,
 * the simulator and the firmware: DFU_DETACH ... DFU_ABORT, STM32DFU_STATE_*,
 * STM32DFU_STATUS_*, DFUSE_CMD_*, DFUSE_FIRST_DATA_BLOCK. Never include this header together
 * with stm32dfu_host.h.
 */
#ifndef STM32DFU_SIM_DFU_SPEC_H
#define STM32DFU_SIM_DFU_SPEC_H

/* USB 2.0 §9.3.1 Table 9-2: bmRequestType fields. */
#define USB_DIR_IN          0x80
#define USB_TYPE_MASK       0x60
#define USB_TYPE_STANDARD   0x00
#define USB_TYPE_CLASS      0x20
#define USB_RECIP_MASK      0x1f
#define USB_RECIP_DEVICE    0x00
#define USB_RECIP_INTERFACE 0x01
#define USB_RECIP_ENDPOINT  0x02

/* USB 2.0 Table 9-4: standard request codes. */
enum usb_request {
    USB_REQ_GET_STATUS = 0,
    USB_REQ_CLEAR_FEATURE = 1,
    USB_REQ_SET_FEATURE = 3,
    USB_REQ_SET_ADDRESS = 5,
    USB_REQ_GET_DESCRIPTOR = 6,
    USB_REQ_SET_DESCRIPTOR = 7,
    USB_REQ_GET_CONFIGURATION = 8,
    USB_REQ_SET_CONFIGURATION = 9,
    USB_REQ_GET_INTERFACE = 10,
    USB_REQ_SET_INTERFACE = 11,
    USB_REQ_SYNCH_FRAME = 12,
};

/* USB 2.0 Table 9-5 descriptor types; DFU 1.1 §4.1.3 functional descriptor type 0x21. */
enum usb_descriptor_type {
    USB_DT_DEVICE = 1,
    USB_DT_CONFIG = 2,
    USB_DT_STRING = 3,
    USB_DT_INTERFACE = 4,
    USB_DT_DFU_FUNCTIONAL = 0x21,
};

/* DFU 1.1 Table 3.2: class request codes. */
enum dfu_request {
    DFU_DETACH = 0,
    DFU_DNLOAD = 1,
    DFU_UPLOAD = 2,
    DFU_GETSTATUS = 3,
    DFU_CLRSTATUS = 4,
    DFU_GETSTATE = 5,
    DFU_ABORT = 6,
};

/* DFU 1.1 §6.1.2: bState values. */
enum stm32dfu_dfu_state {
    STM32DFU_STATE_APP_IDLE = 0,
    STM32DFU_STATE_APP_DETACH = 1,
    STM32DFU_STATE_DFU_IDLE = 2,
    STM32DFU_STATE_DFU_DNLOAD_SYNC = 3,
    STM32DFU_STATE_DFU_DNBUSY = 4,
    STM32DFU_STATE_DFU_DNLOAD_IDLE = 5,
    STM32DFU_STATE_DFU_MANIFEST_SYNC = 6,
    STM32DFU_STATE_DFU_MANIFEST = 7,
    STM32DFU_STATE_DFU_MANIFEST_WAIT_RESET = 8,
    STM32DFU_STATE_DFU_UPLOAD_IDLE = 9,
    STM32DFU_STATE_DFU_ERROR = 10,
};

/* DFU 1.1 §6.1.2: bStatus values. */
enum stm32dfu_dfu_status_code {
    STM32DFU_STATUS_OK = 0x00,
    STM32DFU_STATUS_ERR_TARGET = 0x01,
    STM32DFU_STATUS_ERR_FILE = 0x02,
    STM32DFU_STATUS_ERR_WRITE = 0x03,
    STM32DFU_STATUS_ERR_ERASE = 0x04,
    STM32DFU_STATUS_ERR_CHECK_ERASED = 0x05,
    STM32DFU_STATUS_ERR_PROG = 0x06,
    STM32DFU_STATUS_ERR_VERIFY = 0x07,
    STM32DFU_STATUS_ERR_ADDRESS = 0x08,
    STM32DFU_STATUS_ERR_NOTDONE = 0x09,
    STM32DFU_STATUS_ERR_FIRMWARE = 0x0a,
    STM32DFU_STATUS_ERR_VENDOR = 0x0b,
    STM32DFU_STATUS_ERR_USBR = 0x0c,
    STM32DFU_STATUS_ERR_POR = 0x0d,
    STM32DFU_STATUS_ERR_UNKNOWN = 0x0e,
    STM32DFU_STATUS_ERR_STALLEDPKT = 0x0f,
};

/* DFU 1.1 §4.1.3 Table 4.2: functional descriptor bmAttributes bits. */
#define DFU_ATTR_CAN_DNLOAD             0x01
#define DFU_ATTR_CAN_UPLOAD             0x02
#define DFU_ATTR_MANIFESTATION_TOLERANT 0x04
#define DFU_ATTR_WILL_DETACH            0x08

/* DFU 1.1 §4.1.2/§4.2.2: interface class, subclass, protocols. */
#define DFU_INTERFACE_CLASS    0xfe
#define DFU_INTERFACE_SUBCLASS 0x01
#define DFU_PROTOCOL_RUNTIME   0x01
#define DFU_PROTOCOL_DFU_MODE  0x02

/* AN2662 Rev 1 §4.5 (DNLOAD wBlockNum 0) and §4.4 (Get Commands): DfuSe special commands. */
enum dfuse_command {
    DFUSE_CMD_GET_COMMANDS = 0x00,
    DFUSE_CMD_SET_ADDRESS = 0x21,
    DFUSE_CMD_ERASE = 0x41,
    DFUSE_CMD_READ_UNPROTECT = 0x92,
};

/* AN2662 Rev 1 §4.3/§4.4: wBlockNum 0 carries commands, 1 is reserved, data from 2. */
#define DFUSE_COMMAND_BLOCK    0
#define DFUSE_FIRST_DATA_BLOCK 2

#endif
