/* SPDX-License-Identifier: MIT */
/*
 * Chip profiles: data only. Each row traces to a capture of a real ROM, to an ST document, or
 * to a host tool's log; a value no source gives is marked [assumption].
 *
 * Sources used below (full references in docs/research/host_side.md#s1, #s6 and #s8):
 *   CAP-F4   fidelity/stm32f4discovery.{lsusb,bin-download} (STM32F407 ROM, dfu-util device-logs)
 *   CAP-F107 fidelity/stm32f107.{lsusb,bin-download}
 *   POLL     docs/research/host_side.md#s1.8 (bwPollTimeout 100 ms erase, 104 ms set address /
 * write) BMP-F4   blackmagic src/platforms/common/stm32/dfu_f4.c: F4 sector erase max 500/1100/2600
 * ms for 16/64/128 KiB, program 100 us per 32-bit word ZEPHYR   zephyr drivers/flash/flash_stm32.c:
 * F1 2 KiB page 40 ms, L4/G4 page 24.47 ms, F7 256 KiB sector 4 s DFUUTIL  dfu-util 0.11
 * src/dfuse.c: F405 mass erase "up to 32 seconds", declared 100 ms
 */
#define _POSIX_C_SOURCE 200809L /* strcasecmp */

#include "sim_private.h"

#include <strings.h>

/* AN3156 Rev 17 §2 / CAP-F4: the ROM manufacturer string. */
#define ST_MANUFACTURER "STMicroelectronics"
/* bwPollTimeout per operation as the F4/F7 ROMs declare it (POLL: 104 ms Set Address and
 * writes, 100 ms erases); 1 ms for dfuMANIFEST as ST's Cube class usbd_dfu.c answers it. */
#define POLL_ST_ROM                                                                                \
    {                                                                                              \
        .set_address = 104, .erase = 100, .mass_erase = 100, .program = 104,                       \
        .read_unprotect = 100, .manifest = 1                                                       \
    }
/* L4/G4 option bytes after OPTR: PCROP1SR 0xFFFFFFFF, PCROP1ER 0, WRP1AR and WRP1BR with start
 * 0xFF and end 0x00, each word with its complement (RM0351 Rev 9 §3.4.1). */
#define OPTR_AREAS_UNUSED                                                                          \
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff,      \
        0xff, 0xff, 0xff, 0x00, 0xff, 0x00, 0x00, 0xff, 0x00, 0xff, 0xff, 0x00, 0xff, 0x00, 0x00,  \
        0xff, 0x00
/* WRP1AR at +0x18 and WRP1BR at +0x20: start page in bits 7:0, end page in bits 23:16, pages
 * start..end protected, none when start > end (RM0351 Rev 9 §3.5.1; RM0440 Rev 8 §5.5.1). */
#define WRP1A_WRP1B(pages)                                                                         \
    {                                                                                              \
        .kind = SIM_WRP_AREAS, .offset = 0x18, .count = 2, .stride = 8, .area_pages = (pages)      \
    }
/* Device Feature alt of the F4 ROM (CAP-F4 alt 3). */
#define DEVICE_FEATURE "@Device Feature/0xFFFF0000/01*004 g"

static const struct sim_profile profiles[] = {
    {
        .name = "stm32f405",
        .description = "STM32F405/407 ROM (PID 0x413), 1 MiB flash 4x16K 1x64K 7x128K; "
                       "descriptors and start state from CAP-F4",
        .bcd_device = 0x2100,            /* CAP-F4 bcdDevice 21.00 */
        .bcd_usb = 0x0100,               /* CAP-F4 bcdUSB 1.00 */
        .manufacturer = ST_MANUFACTURER, /* CAP-F4 iManufacturer */
        .product = "STM32  BOOTLOADER",  /* CAP-F4 iProduct, two spaces */
        .serial = "315A28A0B956",        /* CAP-F4 iSerial (chip unique) */
        .device_status = 0x0001,         /* CAP-F4 "Device Status: 0x0001 Self Powered" */
        .alt_strings = {"@Internal Flash  /0x08000000/04*016Kg,01*064Kg,07*128Kg",
                        "@Option Bytes  /0x1FFFC000/01*016 g",
                        "@OTP Memory /0x1FFF7800/01*512 g,01*016 g", DEVICE_FEATURE}, /* CAP-F4 */
        .transfer_size = 2048,                      /* CAP-F4 wTransferSize */
        .detach_timeout_ms = 255,                   /* CAP-F4 wDetachTimeout */
        .start = STM32DFU_SIM_START_ERROR_FIRMWARE, /* CAP-F4 log: dfuERROR, status 10 */
        .poll = POLL_ST_ROM,                        /* POLL */
        .erase = {{16384, 500}, {65536, 1100}, {131072, 2600}}, /* BMP-F4 */
        .mass_erase_ms = 32000,                                 /* DFUUTIL */
        .program_unit_bytes = 4,
        .program_unit_us = 100,                                     /* BMP-F4 */
        .ram = {{0x20000000, 128 * 1024}, {0x10000000, 64 * 1024}}, /* RM0090 Rev 19 §2.3 */
        /* RM0090 Rev 19 §3.7.1 Table 16: USER then RDP (0xAA = level 0), nWRP at +8. */
        .option_defaults = {0xec, 0xaa, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f, 0xff, 0xff,
                            0xff, 0xff, 0xff, 0xff},
        .option_len = 16,
        .rdp_offset = 1,
        .rdp_level0 = 0xaa,
        .rdp_complement = -1,
        /* RM0090 Rev 19 §3.7.1 table 16: nWRP bits 11:0 at +8, one per sector, 0 protects. */
        .wrp = {.kind = SIM_WRP_BITS, .offset = 8, .count = 12, .stride = 1, .pages_per_bit = 1},
        /* MicroPython tools/pydfu.py polls with no sleep over this ROM (host_side.md#s4.1) */
        .early_poll = SIM_EARLY_POLL_HOLD,
        .quirks = STM32DFU_SIM_QUIRK_SHORT_MASS_ERASE_POLL, /* DFUUTIL, commit 47af500 */
    },
    {
        .name = "stm32f107",
        .description = "STM32F105/107 ROM (PID 0x418), 256 KiB flash 128x2K; "
                       "descriptors and start state from CAP-F107",
        .bcd_device = 0x2000,                    /* CAP-F107 bcdDevice 20.00 */
        .bcd_usb = 0x0100,                       /* CAP-F107 bcdUSB 1.00 */
        .manufacturer = ST_MANUFACTURER,         /* CAP-F107 */
        .product = "STM32 0x418 DFU Bootloader", /* CAP-F107 iProduct */
        .serial = "STM32",                       /* CAP-F107 iSerial */
        .device_status = 0x0000,                 /* CAP-F107 "Device Status: 0x0000" */
        .alt_strings = {"@Internal Flash  /0x08000000/128*002Kg",
                        "@Option Bytes  /0x1FFFF800/01*016 g"}, /* CAP-F107 */
        .transfer_size = 2048,                                  /* CAP-F107 */
        .detach_timeout_ms = 255,                               /* CAP-F107 */
        .start = STM32DFU_SIM_START_IDLE, /* CAP-F107 log: dfuIDLE, status 0 */
        .poll = POLL_ST_ROM,              /* [assumption] the F4 ROM's (POLL) */
        .erase = {{2048, 40}},            /* ZEPHYR F1 */
        .mass_erase_ms = 40,              /* STM32F107 datasheet DS6014 tME max */
        .program_unit_bytes = 2,
        .program_unit_us = 70,            /* DS6014 tprog max, 16-bit */
        .ram = {{0x20000000, 64 * 1024}}, /* RM0008 Rev 21 §3.3.1 */
        /* RM0008 Rev 21 §4.7 / PM0075 §2.5: RDP nRDP USER nUSER DATA0/1 WRP0..3, each with
         * its complement; 0xA5 = unprotected. */
        .option_defaults = {0xa5, 0x5a, 0xff, 0x00, 0xff, 0x00, 0xff, 0x00, 0xff, 0x00, 0xff, 0x00,
                            0xff, 0x00, 0xff, 0x00},
        .option_len = 16,
        .rdp_offset = 0,
        .rdp_level0 = 0xa5,
        .rdp_complement = 1,
        .option_copy = 1,
        .option_copy_inverted = true,
        /* PM0075 Rev 2 §2.5 (connectivity line): WRP0..WRP3 at +8, +10, +12, +14, one bit per
         * 2 pages, 0 protects; bit 31 protects page 62 to the end. */
        .wrp = {.kind = SIM_WRP_BITS,
                .offset = 8,
                .count = 32,
                .stride = 2,
                .pages_per_bit = 2,
                .last_bit_rest = true},
        .early_poll = SIM_EARLY_POLL_HOLD, /* [assumption] as the F4/F7 ROMs */
    },
    {
        .name = "stm32f746",
        .description = "STM32F74x ROM (PID 0x449), 1 MiB flash 4x32K 1x128K 3x256K; "
                       "layout and timing from fwupd#2696",
        .bcd_device = 0x2200, /* [assumption] */
        .bcd_usb = 0x0200,    /* [assumption] */
        .manufacturer = ST_MANUFACTURER,
        .product = "STM32  BOOTLOADER", /* [assumption] the F4 ROM's */
        .serial = "206A36A14E4D",
        .device_status = 0x0001,
        /* Sector sizes from fwupd#2696; string form and other alts [assumption] F4 pattern with
         * the RM0385 Rev 8 §2.2.2 addresses. */
        .alt_strings = {"@Internal Flash  /0x08000000/04*032Kg,01*128Kg,03*256Kg",
                        "@Option Bytes  /0x1FFF0000/01*032 g",
                        "@OTP Memory /0x1FF0F000/01*1024 g,01*016 g", DEVICE_FEATURE},
        .transfer_size = 2048, /* fwupd#2696 */
        .detach_timeout_ms = 255,
        .start = STM32DFU_SIM_START_ERROR_FIRMWARE,
        .poll = POLL_ST_ROM, /* fwupd#2696 (100 / 104 ms) */
        /* 32K: ~350 ms measured (fwupd#2696); 128K [assumption] the F4 figure; 256K ZEPHYR. */
        .erase = {{32768, 350}, {131072, 2600}, {262144, 4000}},
        .mass_erase_ms = 10000, /* F765 "8-10 s", micropython mboot dfu.h commit c8b0557 */
        .program_unit_bytes = 4,
        .program_unit_us = 100,            /* [assumption] the F4 figure */
        .ram = {{0x20000000, 320 * 1024}}, /* RM0385 Rev 8 §2.2.2: DTCM + SRAM1 + SRAM2 */
        /* RM0385 Rev 8 §3.4.1: USER, RDP (0xAA level 0), complements; nWRP at +8. */
        .option_defaults = {0xfc, 0xaa, 0x03, 0x55, 0xff, 0xff, 0x00, 0x00, 0xff, 0xff,
                            0x00, 0x00, 0x80, 0x00, 0x7f, 0xff, 0x40, 0x00, 0xbf, 0xff},
        .option_len = 32,
        .rdp_offset = 1,
        .rdp_level0 = 0xaa,
        .rdp_complement = 3,
        .option_copy = 2,
        .option_copy_inverted = true,
        /* RM0385 Rev 8 §3.4.1: nWRP bits 7:0 at +8, one per sector, 0 protects. */
        .wrp = {.kind = SIM_WRP_BITS, .offset = 8, .count = 8, .stride = 1, .pages_per_bit = 1},
        /* fwupd#2696: a GETSTATUS sent during a sector erase is answered when it ends */
        .early_poll = SIM_EARLY_POLL_HOLD,
    },
    {
        .name = "stm32h743",
        .description = "STM32H743 rev V ROM (PID 0x450), 2 MiB flash 16x128K; transfer 1024; "
                       "stuck busy beyond 1 MiB (betaflight-configurator PR #1861)",
        .bcd_device = 0x0200, /* [assumption] as a published STM32H723 ROM dump */
        .bcd_usb = 0x0200,    /* [assumption] */
        .manufacturer = ST_MANUFACTURER,
        .product = "DFU in FS Mode", /* H7 ROM as users see it (electro-smith Daisy docs) */
        .serial = "2055387A5346",
        .device_status = 0x0001,
        .alt_strings = {"@Internal Flash   /0x08000000/16*128Kg",
                        "@Option Bytes   /0x5200201C/01*128 e"}, /* electro-smith/libDaisy#195 */
        .transfer_size = 1024,                                   /* quartiq/stabilizer#69 (H743) */
        .detach_timeout_ms = 255,
        .start = STM32DFU_SIM_START_IDLE, /* [assumption] */
        .poll = POLL_ST_ROM,              /* [assumption] POLL */
        /* 128 KiB sector x32: typ 1.1 s, max 2.2 s (ST community thread 734674, ST employee). */
        .erase = {{131072, 2200}},
        .mass_erase_ms = 16 * 2200, /* [derived] every sector at its maximum */
        .program_unit_bytes = 32,   /* 256-bit flash word (RM0433 Rev 7 §4.3.9) */
        .program_unit_us = 100,     /* [assumption] */
        .ram = {{0x24000000, 512 * 1024}, {0x20000000, 128 * 1024}}, /* RM0433 §2.3.2 */
        /* The flash registers from FLASH_OPTSR_CUR (0x5200201C, RDP in bits 15:8, RM0433 Rev 7
         * §4.9.7) on, at their RM0433 §4.9 addresses: FLASH_OPTSR_PRG at +4 reads the same,
         * FLASH_WPSN_CUR1R at +0x1C and FLASH_WPSN_PRG1R at +0x20 hold WRPSn (7:0), all 1s (no
         * sector protected); the registers between [assumption] 0xFF. */
        .option_defaults = {0xf0, 0xaa, 0x16, 0x14, 0xf0, 0xaa, 0x16, 0x14, 0xff, 0xff, 0xff, 0xff,
                            0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                            0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0xff, 0x00, 0x00, 0x00},
        .option_len = 36,
        .rdp_offset = 1,
        .rdp_level0 = 0xaa,
        .rdp_complement = -1,
        .option_copy = 4,
        /* WRPSn: one bit per bank 1 sector, 0 protects (RM0433 Rev 7 §4.9, FLASH_WPSN_CUR1R);
         * bank 2's register lies beyond the ROM's 128 bytes. */
        .wrp = {.kind = SIM_WRP_BITS, .offset = 0x1c, .count = 8, .stride = 1, .pages_per_bit = 1},
        .stuck_busy_offset = 1024 * 1024,  /* PR #1861: "beyond 1MB" */
        .early_poll = SIM_EARLY_POLL_HOLD, /* [assumption] as the F4/F7 ROMs */
        .quirks = STM32DFU_SIM_QUIRK_STUCK_BUSY,
    },
    {
        .name = "stm32l476",
        .description = "STM32L476 ROM (PID 0x415), 1 MiB flash 512x2K; early GETSTATUS "
                       "stalled (dfu-util commit c15ee60)",
        .bcd_device = 0x0200, /* [assumption] */
        .bcd_usb = 0x0200,    /* [assumption] */
        .manufacturer = ST_MANUFACTURER,
        .product = "DFU in FS Mode", /* [assumption] the H7/G4 ROM's */
        .serial = "2061376E4E4B",
        .device_status = 0x0001,
        /* Option bytes 40 B at 0x1FFF7800 and OTP 1 KiB at 0x1FFF7000: ST community
         * "STM32CubeProgrammer DFU and Option Bytes" (L43x); string spacing [assumption]. */
        .alt_strings = {"@Internal Flash  /0x08000000/512*0002Kg",
                        "@Option Bytes  /0x1FFF7800/01*040 e",
                        "@OTP Memory   /0x1FFF7000/01*0001Ke", DEVICE_FEATURE},
        .transfer_size = 2048,
        .detach_timeout_ms = 255,
        .start = STM32DFU_SIM_START_IDLE, /* [assumption] */
        /* c15ee60: "reports too short a poll timeout" [assumption: 10 ms, less than the
         * 24.47 ms page erase]. Its workaround covers dfu-util's special-command loop only
         * (docs/research/host_side.md#s3.4), and dfu-util 0.11 downloads to L4 ROMs, so writes are
         * taken to declare enough: 104 ms as the F4 ROM [assumption]. */
        .poll = {.set_address = 10,
                 .erase = 10,
                 .mass_erase = 10,
                 .program = 104,
                 .read_unprotect = 10,
                 .manifest = 1},
        .erase = {{2048, 25}}, /* ZEPHYR L4: 24.47 ms */
        .mass_erase_ms = 25,   /* DS10198 flash characteristics: tME max 24.47 ms */
        .program_unit_bytes = 8,
        .program_unit_us = 91, /* DS10198: tprog max 90.76 us per double word */
        .ram = {{0x20000000, 96 * 1024}, {0x10000000, 32 * 1024}}, /* RM0351 Rev 9 §2.2.2 */
        /* RM0351 Rev 9 §3.4.1: OPTR (RDP in bits 7:0, 0xAA level 0), PCROP1SR, PCROP1ER,
         * WRP1AR, WRP1BR, each word followed by its complement. PCROP end below its start
         * [assumption]; WRP areas start 0xFF, end 0x00: no page protected (RM0351 §3.5.1). */
        .option_defaults = {0xaa, 0xf8, 0xef, 0xff, 0x55, 0x07, 0x10, 0x00, OPTR_AREAS_UNUSED},
        .option_len = 40,
        .rdp_offset = 0,
        .rdp_level0 = 0xaa,
        .rdp_complement = 4,
        .option_copy = 4,
        .option_copy_inverted = true,
        .wrp = WRP1A_WRP1B(256), /* bank 1 of 512 pages */
        .bfb2_offset = 2,
        .bfb2_mask = 0x10,                  /* FLASH_OPTR bit 20 (RM0351 Rev 9 §3.7.8) */
        .early_poll = SIM_EARLY_POLL_STALL, /* dfu-util c15ee60 (L433; ticket 40) */
    },
    {
        .name = "stm32g474",
        .description = "STM32G474 ROM (PID 0x469), 512 KiB flash 256x2K; transfer 1024; "
                       "two option-byte groups (betaflight webusbdfu.js)",
        .bcd_device = 0x0200, /* [assumption] */
        .bcd_usb = 0x0200,    /* [assumption] */
        .manufacturer = ST_MANUFACTURER,
        .product = "DFU in FS Mode", /* [assumption] the H7 ROM's */
        .serial = "2082325F5431",
        .device_status = 0x0001,
        .alt_strings = {"@Internal Flash   /0x08000000/256*02Kg",
                        "@Option Bytes   /0x1FFF7800/01*048 e/0x1FFFF800/01*048 e",
                        "@OTP Memory   /0x1FFF7000/01*0001Ke"}, /* OB: betaflight webusbdfu.js */
        .transfer_size = 1024, /* siliconwitchery/web-stm32-updater#3 */
        .detach_timeout_ms = 255,
        .start = STM32DFU_SIM_START_IDLE, /* [assumption] */
        .poll = POLL_ST_ROM,              /* [assumption] POLL */
        .erase = {{2048, 25}},            /* ZEPHYR G4: 24.47 ms */
        .mass_erase_ms = 25,              /* [assumption] the L4 figure */
        .program_unit_bytes = 8,
        .program_unit_us = 91,                                     /* [assumption] the L4 figure */
        .ram = {{0x20000000, 96 * 1024}, {0x10000000, 32 * 1024}}, /* RM0440 Rev 8 §2.2 */
        /* RM0440 Rev 8 §5.4.1: OPTR as on L4 (RDP bits 7:0), then PCROP1SR, PCROP1ER, WRP1AR,
         * WRP1BR as on L4, each word followed by its complement; SEC1R [assumption] 0. */
        .option_defaults = {0xaa, 0xf8, 0xef, 0xff, 0x55, 0x07, 0x10, 0x00, OPTR_AREAS_UNUSED},
        .option_len = 48,
        .rdp_offset = 0,
        .rdp_level0 = 0xaa,
        .rdp_complement = 4,
        .option_copy = 4,
        .option_copy_inverted = true,
        .wrp = WRP1A_WRP1B(128), /* bank 1 of 256 pages, dual-bank mode (DBANK 1) */
        .bfb2_offset = 2,
        .bfb2_mask = 0x10,                 /* FLASH_OPTR bit 20 (RM0440 Rev 8 §5.7.8) */
        .early_poll = SIM_EARLY_POLL_HOLD, /* [assumption] as the F4/F7 ROMs */
    },
};

#define PROFILE_COUNT (sizeof(profiles) / sizeof(profiles[0]))

size_t stm32dfu_sim_profile_count(void)
{
    return PROFILE_COUNT;
}

const char *stm32dfu_sim_profile_name(size_t index)
{
    return index < PROFILE_COUNT ? profiles[index].name : NULL;
}

const char *stm32dfu_sim_profile_description(size_t index)
{
    return index < PROFILE_COUNT ? profiles[index].description : NULL;
}

const struct sim_profile *sim_profile_find(const char *name)
{
    for (size_t i = 0; i < PROFILE_COUNT; i++) {
        if (strcasecmp(profiles[i].name, name) == 0)
            return &profiles[i];
    }
    return NULL;
}
