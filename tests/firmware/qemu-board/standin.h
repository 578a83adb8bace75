/* SPDX-License-Identifier: MIT */
/* The stand-in bootloader's vector table, the address the tests hand over to. */
#ifndef QEMU_STANDIN_H
#define QEMU_STANDIN_H

#include <stdint.h>

typedef void (*standin_vector)(void);

/* {initial SP, reset vector, exception and IRQ handlers}. */
extern const standin_vector standin_vectors[];

#endif /* QEMU_STANDIN_H */
