/* SPDX-License-Identifier: MIT */
/*
 * Protocol constants the model speaks: USB 2.0 standard requests, DFU 1.1 class requests,
 * states and statuses, and the DfuSe special commands of the ST ROM bootloader.
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
enum dfu_state {
    appIDLE = 0,
    appDETACH = 1,
    dfuIDLE = 2,
    dfuDNLOAD_SYNC = 3,
    dfuDNBUSY = 4,
    dfuDNLOAD_IDLE = 5,
    dfuMANIFEST_SYNC = 6,
    dfuMANIFEST = 7,
    dfuMANIFEST_WAIT_RESET = 8,
    dfuUPLOAD_IDLE = 9,
    dfuERROR = 10,
};

/* DFU 1.1 §6.1.2: bStatus values. */
enum dfu_status {
    DFU_OK = 0x00,
    errTARGET = 0x01,
    errFILE = 0x02,
    errWRITE = 0x03,
    errERASE = 0x04,
    errCHECK_ERASED = 0x05,
    errPROG = 0x06,
    errVERIFY = 0x07,
    errADDRESS = 0x08,
    errNOTDONE = 0x09,
    errFIRMWARE = 0x0a,
    errVENDOR = 0x0b,
    errUSBR = 0x0c,
    errPOR = 0x0d,
    errUNKNOWN = 0x0e,
    errSTALLEDPKT = 0x0f,
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
    DFUSE_GET_COMMANDS = 0x00,
    DFUSE_SET_ADDRESS = 0x21,
    DFUSE_ERASE = 0x41,
    DFUSE_READ_UNPROTECT = 0x92,
};

/* AN2662 Rev 1 §4.3/§4.4: wBlockNum 0 carries commands, 1 is reserved, data from 2. */
#define DFUSE_BLOCK_COMMAND    0
#define DFUSE_BLOCK_FIRST_DATA 2

#endif
