/* SPDX-License-Identifier: MIT */
/* The Unicorn scenarios, by test name (tests/firmware/unicorn/CMakeLists.txt). */
#ifndef UNICORN_SCENARIOS_H
#define UNICORN_SCENARIOS_H

#include "machine.h"

/** One user story run against the library, with its assertions. */
struct scenario {
    const char *name; /**< e.g. "vjumptodfu/thread-msp" */
    void (*run)(struct machine *m);
};

/** The scenario called \p name, or NULL. */
const struct scenario *scenario_find(const char *name);

#endif /* UNICORN_SCENARIOS_H */
