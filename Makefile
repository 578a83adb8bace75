# SPDX-License-Identifier: MIT
# The two set-up commands (README.md): `make demo` and `make test`.
# Both first install any missing Debian packages through scripts/bootstrap.sh.
BUILD     ?= build
BUILD_SAN ?= build-sanitize
JOBS      ?= $(shell nproc)

.PHONY: demo test bootstrap build build-sanitize clean

demo: build
	bash scripts/demo.sh $(BUILD)

test: build build-sanitize
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)
	cd $(BUILD_SAN) && ctest --output-on-failure -j$(JOBS) -LE qemu

bootstrap:
	bash scripts/bootstrap.sh

build: bootstrap
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) -j$(JOBS)

build-sanitize: bootstrap
	cmake -S . -B $(BUILD_SAN) -DCMAKE_BUILD_TYPE=Debug -DSTM32DFU_SANITIZE=ON
	cmake --build $(BUILD_SAN) -j$(JOBS)

clean:
	rm -rf $(BUILD) $(BUILD_SAN)
