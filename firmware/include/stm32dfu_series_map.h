/* SPDX-License-Identifier: MIT */
/*
 * stm32dfu: which table row (stm32dfu_series.h) a CMSIS device macro selects.
 *
 * Defines STM32DFU_SERIES_FROM_CMSIS to a row id when one of ST's CMSIS device
 * macros (the ones stm32<series>xx.h tests, e.g. STM32F405xx) is defined, and
 * leaves it undefined otherwise. Parts whose USB peripheral or ROM address is
 * not established (e.g. STM32F303x8, STM32H523) are deliberately absent: they
 * need an explicit -DSTM32DFU_SERIES=<row id>.
 *
 * No include guard on purpose: tests include it repeatedly with different
 * device macros defined.
 */
#undef STM32DFU_SERIES_FROM_CMSIS

/* STM32F0: RM0091; the USB-capable lines per docs/research/device_side.md#s2. */
#if defined(STM32F030x6) || defined(STM32F030x8) || defined(STM32F031x6) ||                        \
    defined(STM32F038xx) || defined(STM32F051x8) || defined(STM32F058xx)
#define STM32DFU_SERIES_FROM_CMSIS F030_F05X
#elif defined(STM32F042x6) || defined(STM32F048xx) || defined(STM32F048x6) || defined(STM32F070x6)
#define STM32DFU_SERIES_FROM_CMSIS F04X_F070X6
#elif defined(STM32F070xB) || defined(STM32F072xB) || defined(STM32F078xx)
#define STM32DFU_SERIES_FROM_CMSIS F07X
#elif defined(STM32F071xB)
#define STM32DFU_SERIES_FROM_CMSIS F071
#elif defined(STM32F030xC) || defined(STM32F091xC) || defined(STM32F098xx)
#define STM32DFU_SERIES_FROM_CMSIS F09X

/* STM32F1: RM0008. */
#elif defined(STM32F100xB) || defined(STM32F100xE) || defined(STM32F101x6) ||                      \
    defined(STM32F101xB) || defined(STM32F101xE) || defined(STM32F102x6) ||                        \
    defined(STM32F102xB) || defined(STM32F103x6) || defined(STM32F103xB) || defined(STM32F103xE)
#define STM32DFU_SERIES_FROM_CMSIS F1
#elif defined(STM32F101xG) || defined(STM32F103xG)
#define STM32DFU_SERIES_FROM_CMSIS F1_XL
#elif defined(STM32F105xC) || defined(STM32F107xC)
#define STM32DFU_SERIES_FROM_CMSIS F105_F107

/* STM32F2, F3, F4, F7. */
#elif defined(STM32F205xx) || defined(STM32F207xx) || defined(STM32F215xx) || defined(STM32F217xx)
#define STM32DFU_SERIES_FROM_CMSIS F2
#elif defined(STM32F302xC) || defined(STM32F302xE) || defined(STM32F303xC) ||                      \
    defined(STM32F303xE) || defined(STM32F373xC)
#define STM32DFU_SERIES_FROM_CMSIS F3
#elif defined(STM32F410Cx) || defined(STM32F410Rx) || defined(STM32F410Tx)
#define STM32DFU_SERIES_FROM_CMSIS F410
#elif defined(STM32F413xx) || defined(STM32F423xx)
#define STM32DFU_SERIES_FROM_CMSIS F413_F423
#elif defined(STM32F401xC) || defined(STM32F401xE) || defined(STM32F405xx) ||                      \
    defined(STM32F407xx) || defined(STM32F411xE) || defined(STM32F412Cx) ||                        \
    defined(STM32F412Rx) || defined(STM32F412Vx) || defined(STM32F412Zx) ||                        \
    defined(STM32F415xx) || defined(STM32F417xx) || defined(STM32F427xx) ||                        \
    defined(STM32F429xx) || defined(STM32F437xx) || defined(STM32F439xx) ||                        \
    defined(STM32F446xx) || defined(STM32F469xx) || defined(STM32F479xx)
#define STM32DFU_SERIES_FROM_CMSIS F4
#elif defined(STM32F722xx) || defined(STM32F723xx) || defined(STM32F730xx) ||                      \
    defined(STM32F732xx) || defined(STM32F733xx) || defined(STM32F745xx) ||                        \
    defined(STM32F746xx) || defined(STM32F750xx) || defined(STM32F756xx) ||                        \
    defined(STM32F765xx) || defined(STM32F767xx) || defined(STM32F769xx) ||                        \
    defined(STM32F777xx) || defined(STM32F779xx)
#define STM32DFU_SERIES_FROM_CMSIS F7

/* STM32G0, G4. */
#elif defined(STM32G030xx) || defined(STM32G031xx) || defined(STM32G041xx) ||                      \
    defined(STM32G050xx) || defined(STM32G051xx) || defined(STM32G061xx) ||                        \
    defined(STM32G070xx) || defined(STM32G071xx) || defined(STM32G081xx)
#define STM32DFU_SERIES_FROM_CMSIS G0
#elif defined(STM32G0B1xx) || defined(STM32G0C1xx)
#define STM32DFU_SERIES_FROM_CMSIS G0B1_G0C1
#elif defined(STM32G431xx) || defined(STM32G441xx) || defined(STM32G471xx) ||                      \
    defined(STM32G473xx) || defined(STM32G474xx) || defined(STM32G483xx) ||                        \
    defined(STM32G484xx) || defined(STM32G491xx) || defined(STM32G4A1xx)
#define STM32DFU_SERIES_FROM_CMSIS G4

/* STM32H5, H7. */
#elif defined(STM32H503xx)
#define STM32DFU_SERIES_FROM_CMSIS H503
#elif defined(STM32H562xx) || defined(STM32H563xx) || defined(STM32H573xx)
#define STM32DFU_SERIES_FROM_CMSIS H56X_H57X
#elif defined(STM32H742xx) || defined(STM32H743xx) || defined(STM32H750xx) || defined(STM32H753xx)
#define STM32DFU_SERIES_FROM_CMSIS H74X_H75X
#elif defined(STM32H745xx) || defined(STM32H745xG) || defined(STM32H747xx) ||                      \
    defined(STM32H747xG) || defined(STM32H755xx) || defined(STM32H757xx)
#define STM32DFU_SERIES_FROM_CMSIS H745_H757
#elif defined(STM32H723xx) || defined(STM32H725xx) || defined(STM32H730xx) ||                      \
    defined(STM32H730xxQ) || defined(STM32H733xx) || defined(STM32H735xx)
#define STM32DFU_SERIES_FROM_CMSIS H72X_H73X
#elif defined(STM32H7A3xx) || defined(STM32H7A3xxQ)
#define STM32DFU_SERIES_FROM_CMSIS H7A3
#elif defined(STM32H7B0xx) || defined(STM32H7B0xxQ) || defined(STM32H7B3xx) || defined(STM32H7B3xxQ)
#define STM32DFU_SERIES_FROM_CMSIS H7B0_H7B3

/* STM32L0, L1, L4, L5. */
#elif defined(STM32L052xx) || defined(STM32L053xx) || defined(STM32L062xx) ||                      \
    defined(STM32L063xx) || defined(STM32L072xx) || defined(STM32L073xx) ||                        \
    defined(STM32L082xx) || defined(STM32L083xx)
#define STM32DFU_SERIES_FROM_CMSIS L0
#elif defined(STM32L031xx) || defined(STM32L041xx) || defined(STM32L051xx) ||                      \
    defined(STM32L071xx) || defined(STM32L081xx)
#define STM32DFU_SERIES_FROM_CMSIS L0_NOUSB
#elif defined(STM32L010x4) || defined(STM32L010x6) || defined(STM32L010x8) ||                      \
    defined(STM32L010xB) || defined(STM32L011xx) || defined(STM32L021xx)
#define STM32DFU_SERIES_FROM_CMSIS L01X_L02X
#elif defined(STM32L100xB) || defined(STM32L100xBA) || defined(STM32L100xC) ||                     \
    defined(STM32L151xB) || defined(STM32L151xBA) || defined(STM32L151xC) ||                       \
    defined(STM32L151xCA) || defined(STM32L151xD) || defined(STM32L151xDX) ||                      \
    defined(STM32L151xE) || defined(STM32L152xB) || defined(STM32L152xBA) ||                       \
    defined(STM32L152xC) || defined(STM32L152xCA) || defined(STM32L152xD) ||                       \
    defined(STM32L152xDX) || defined(STM32L152xE) || defined(STM32L162xC) ||                       \
    defined(STM32L162xCA) || defined(STM32L162xD) || defined(STM32L162xDX) || defined(STM32L162xE)
#define STM32DFU_SERIES_FROM_CMSIS L1
#elif defined(STM32L412xx) || defined(STM32L422xx) || defined(STM32L432xx) ||                      \
    defined(STM32L433xx) || defined(STM32L442xx) || defined(STM32L443xx) ||                        \
    defined(STM32L452xx) || defined(STM32L462xx) || defined(STM32L475xx) ||                        \
    defined(STM32L476xx) || defined(STM32L485xx) || defined(STM32L486xx) ||                        \
    defined(STM32L496xx) || defined(STM32L4A6xx) || defined(STM32L4P5xx) ||                        \
    defined(STM32L4Q5xx) || defined(STM32L4R5xx) || defined(STM32L4R7xx) ||                        \
    defined(STM32L4R9xx) || defined(STM32L4S5xx) || defined(STM32L4S7xx) || defined(STM32L4S9xx)
#define STM32DFU_SERIES_FROM_CMSIS L4
#elif defined(STM32L431xx) || defined(STM32L451xx) || defined(STM32L471xx)
#define STM32DFU_SERIES_FROM_CMSIS L4_NOUSB
#elif defined(STM32L552xx) || defined(STM32L562xx)
#define STM32DFU_SERIES_FROM_CMSIS L5

/* STM32U0, U3, U5. */
#elif defined(STM32U031xx) || defined(STM32U073xx) || defined(STM32U083xx)
#define STM32DFU_SERIES_FROM_CMSIS U0
#elif defined(STM32U375xx) || defined(STM32U385xx)
#define STM32DFU_SERIES_FROM_CMSIS U3
#elif defined(STM32U535xx) || defined(STM32U545xx) || defined(STM32U575xx) ||                      \
    defined(STM32U585xx) || defined(STM32U595xx) || defined(STM32U599xx) ||                        \
    defined(STM32U5A5xx) || defined(STM32U5A9xx) || defined(STM32U5F7xx) ||                        \
    defined(STM32U5F9xx) || defined(STM32U5G7xx) || defined(STM32U5G9xx)
#define STM32DFU_SERIES_FROM_CMSIS U5

/* STM32WB, WL, C0. */
#elif defined(STM32WB35xx) || defined(STM32WB55xx) || defined(STM32WB5Mxx)
#define STM32DFU_SERIES_FROM_CMSIS WB
#elif defined(STM32WB10xx) || defined(STM32WB15xx) || defined(STM32WB1Mxx)
#define STM32DFU_SERIES_FROM_CMSIS WB_NOUSB
#elif defined(STM32WL55xx) || defined(STM32WL54xx) || defined(STM32WLE5xx) ||                      \
    defined(STM32WLE4xx) || defined(STM32WL5Mxx)
#define STM32DFU_SERIES_FROM_CMSIS WL
#elif defined(STM32C071xx)
#define STM32DFU_SERIES_FROM_CMSIS C0
#elif defined(STM32C011xx) || defined(STM32C031xx)
#define STM32DFU_SERIES_FROM_CMSIS C0_NOUSB
#endif
