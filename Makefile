# SPDX-License-Identifier: MIT
# The two set-up commands (README.md): `make demo` and `make test`, and
# `make install [PREFIX=/usr/local] [DESTDIR=...]` (README.md "Install").
# All first install any missing Debian packages through scripts/bootstrap.sh.
BUILD     ?= build
BUILD_SAN ?= build-sanitize
JOBS      ?= $(shell nproc)
PREFIX    ?= /usr/local

.PHONY: demo test install bootstrap build build-sanitize clean

demo: build
	bash scripts/demo.sh $(BUILD)

test: build build-sanitize
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)
	cd $(BUILD_SAN) && ctest --output-on-failure -j$(JOBS) -LE qemu

bootstrap:
	bash scripts/bootstrap.sh

build: bootstrap
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=$(PREFIX)
	cmake --build $(BUILD) -j$(JOBS)

# Builds only what is installed (the programs and both libraries), then installs it.
install: bootstrap
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=$(PREFIX)
	cmake --build $(BUILD) -j$(JOBS) --target stm32dfu stm32dfu-sim stm32dfu_host stm32dfu_host_shared
	DESTDIR=$(DESTDIR) cmake --install $(BUILD)

build-sanitize: bootstrap
	cmake -S . -B $(BUILD_SAN) -DCMAKE_BUILD_TYPE=Debug -DSTM32DFU_SANITIZE=ON
	cmake --build $(BUILD_SAN) -j$(JOBS)

clean:
	rm -rf $(BUILD) $(BUILD_SAN)
