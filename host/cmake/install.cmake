# SPDX-License-Identifier: MIT
# `cmake --install` of libstm32dfu: the shared and static libraries, the public header(s),
# stm32dfu.pc and the CMake package (find_package(stm32dfu CONFIG) -> stm32dfu::host).
# Directories: cmake/install-dirs.cmake. The command line installs itself (cli/CMakeLists.txt).
include(CMakePackageConfigHelpers)

install(TARGETS stm32dfu_host_shared EXPORT stm32dfu-targets
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS stm32dfu_host ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.h")

# stm32dfu.pc finds the prefix from its own place (${pcfiledir}), so it stays right under
# `cmake --install --prefix DIR` and DESTDIR.
file(RELATIVE_PATH STM32DFU_PC_PREFIX "${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig"
    "${CMAKE_INSTALL_PREFIX}")
string(REGEX REPLACE "/$" "" STM32DFU_PC_PREFIX "${STM32DFU_PC_PREFIX}")
file(RELATIVE_PATH STM32DFU_PC_LIBDIR "${CMAKE_INSTALL_PREFIX}" "${CMAKE_INSTALL_FULL_LIBDIR}")
file(RELATIVE_PATH STM32DFU_PC_INCLUDEDIR "${CMAKE_INSTALL_PREFIX}"
    "${CMAKE_INSTALL_FULL_INCLUDEDIR}")
configure_file(cmake/stm32dfu.pc.in stm32dfu.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/stm32dfu.pc
    DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

set(cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/stm32dfu)
install(EXPORT stm32dfu-targets NAMESPACE stm32dfu:: DESTINATION ${cmake_dir})
configure_package_config_file(cmake/stm32dfu-config.cmake.in stm32dfu-config.cmake
    INSTALL_DESTINATION ${cmake_dir})
# 0.x releases: the SONAME's major (0) is the compatibility line, as for the library itself.
write_basic_package_version_file(stm32dfu-config-version.cmake
    COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/stm32dfu-config.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/stm32dfu-config-version.cmake
    DESTINATION ${cmake_dir})

# The udev rules that let the logged-in user open the ROM bootloader (udev/50-stm32dfu.rules).
install(FILES udev/50-stm32dfu.rules DESTINATION ${STM32DFU_INSTALL_UDEVRULESDIR})
