/* SPDX-License-Identifier: MIT */
#include "recorded_calls.h"

#include "named_test.h"

#include <string.h>

struct recorded_calls calls;

void reset_calls(void)
{
    memset(&calls, 0, sizeof calls);
}

void record_disconnect(void *ctx)
{
    assert_ptr_equal(ctx, &calls);
    calls.log[calls.count++] = 'D';
}

void record_enter(void)
{
    calls.log[calls.count++] = 'E';
}
