# Two entry points, both doing all set-up on a fresh Debian machine:
#   make run   — install deps, build, and build the demo hub into public/
#   make test  — install deps, build, and run every test
BUILD_DIR ?= build
JOBS ?= $(shell nproc)

.PHONY: run test deps configure build clean

run: deps build
	./$(BUILD_DIR)/confab build --config site.toml

test: deps build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

deps:
	./scripts/install-deps

$(BUILD_DIR)/CMakeCache.txt:
	cmake -S . -B $(BUILD_DIR)

configure: $(BUILD_DIR)/CMakeCache.txt

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

clean:
	rm -rf $(BUILD_DIR)
