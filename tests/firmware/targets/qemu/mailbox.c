#include "mailbox.h"

volatile struct mailbox mailbox __attribute__((section(".qemu_mailbox")));
