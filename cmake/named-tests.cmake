# SPDX-License-Identifier: MIT
# stm32dfu_add_named_tests(<executable> <source>): registers one ctest per entry
# of the source's test table, i.e. per `NAMED_TEST("name", fn)` or another
# `*_TEST("name", ...)` macro, so the table and ctest cannot drift apart
# (tests/common/named_test.h). Each ctest runs `<executable> name`.
function(stm32dfu_add_named_tests executable source)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${source})
    file(STRINGS ${source} lines REGEX "_TEST\\(\"[^\"]+\"")
    foreach(line IN LISTS lines)
        string(REGEX MATCH "_TEST\\(\"([^\"]+)\"" _ "${line}")
        add_test(NAME ${CMAKE_MATCH_1} COMMAND ${executable} ${CMAKE_MATCH_1})
    endforeach()
endfunction()
