# SPDX-License-Identifier: MIT
# Where `cmake --install` puts things: GNUInstallDirs, plus the udev rules and bash-completion
# directories, which GNUInstallDirs does not know. Every directory is relative to the install
# prefix, so `cmake --install build --prefix DIR` and DESTDIR (the Debian build) work.
include(GNUInstallDirs)

# ${module}'s pkg-config ${variable} (+ ${suffix}) relative to the prefix when it lies under it,
# else ${fallback}; a cache variable ${out} given on the command line wins.
function(stm32dfu_pkg_install_dir out module variable suffix fallback doc)
    set(dir ${fallback})
    pkg_get_variable(found ${module} ${variable})
    if(found)
        cmake_path(IS_PREFIX CMAKE_INSTALL_PREFIX "${found}" NORMALIZE under_prefix)
        if(under_prefix)
            file(RELATIVE_PATH dir "${CMAKE_INSTALL_PREFIX}" "${found}${suffix}")
        endif()
    endif()
    set(${out} ${dir} CACHE PATH "${doc}")
endfunction()

# udev reads /usr/lib/udev/rules.d (and /lib/udev/rules.d, Debian 12's udevdir) and, with
# systemd, /usr/local/lib/udev/rules.d; files there are the package's, /etc/udev/rules.d the admin's.
stm32dfu_pkg_install_dir(STM32DFU_INSTALL_UDEVRULESDIR udev udevdir /rules.d lib/udev/rules.d
    "udev rules directory (relative to the prefix unless absolute)")
stm32dfu_pkg_install_dir(STM32DFU_INSTALL_BASHCOMPLETIONDIR bash-completion completionsdir ""
    ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
    "bash completion directory (relative to the prefix unless absolute)")
cmake_path(ABSOLUTE_PATH STM32DFU_INSTALL_UDEVRULESDIR BASE_DIRECTORY "${CMAKE_INSTALL_PREFIX}"
    OUTPUT_VARIABLE STM32DFU_INSTALL_FULL_UDEVRULESDIR)

# Outside the system library directories the programs find libstm32dfu next to themselves
# ($ORIGIN/../lib...); a system install (the Debian packages) gets no RPATH.
if(NOT CMAKE_INSTALL_FULL_LIBDIR IN_LIST CMAKE_C_IMPLICIT_LINK_DIRECTORIES)
    file(RELATIVE_PATH lib_from_bin "${CMAKE_INSTALL_FULL_BINDIR}" "${CMAKE_INSTALL_FULL_LIBDIR}")
    set(CMAKE_INSTALL_RPATH "$ORIGIN/${lib_from_bin}")
endif()
