# SPDX-License-Identifier: MIT
# Runs one fuzzer for a fixed number of inputs from a fixed seed over the
# committed corpus and regression inputs, so a ctest run is deterministic. New
# inputs go to a fresh work directory, never into the source tree.
# -D FUZZER=... WORK=... RUNS=... CORPUS="dir;dir..." [MAX_LEN=...]
if(NOT MAX_LEN)
    set(MAX_LEN 4096)
endif()
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/new)
set(dirs)
foreach(dir IN LISTS CORPUS)
    if(IS_DIRECTORY ${dir})
        list(APPEND dirs ${dir})
    endif()
endforeach()
execute_process(
    COMMAND ${FUZZER} -runs=${RUNS} -seed=1 -max_len=${MAX_LEN} -timeout=10 -rss_limit_mb=1024
            -artifact_prefix=${WORK}/ ${WORK}/new ${dirs}
    RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "${FUZZER} failed (${result}); the crashing input is in ${WORK}/: "
                        "add it to tests/fuzz/regressions/<parser>/ named after the bug")
endif()
