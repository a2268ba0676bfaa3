# Two entry points, both doing all set-up on a fresh Debian machine:
#   make run   — install deps, build, and build the demo hub into public/
#   make test  — install deps, build, and run every test
BUILD_DIR ?= build
JOBS ?= $(shell nproc)

.PHONY: run serve test deps configure build clean fuzz bench

run: deps build
	./$(BUILD_DIR)/confab build --config site.toml

# Preview the demo hub on http://127.0.0.1:1111/, rebuilding on every change
serve: deps build
	./$(BUILD_DIR)/confab serve --config site.toml

# The fuzzers' bounded run comes first so that ctest's summary closes the output.
test: deps build
	FUZZ_BUILD_DIR=$(CURDIR)/$(BUILD_DIR)/fuzz ./fuzz/run $(FUZZ_SECONDS)
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# Fuzzing for longer than make test's few seconds: make fuzz FUZZ_SECONDS=600
FUZZ_SECONDS ?= 5
fuzz: deps
	FUZZ_BUILD_DIR=$(CURDIR)/$(BUILD_DIR)/fuzz ./fuzz/run $(FUZZ_SECONDS)

# Fetch, parse, thread and render benchmarks (figures in BENCHMARKS.md)
bench: deps build
	./bench/run $(BUILD_DIR)

deps:
	./scripts/install-deps

$(BUILD_DIR)/CMakeCache.txt:
	cmake -S . -B $(BUILD_DIR)

configure: $(BUILD_DIR)/CMakeCache.txt

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

clean:
	rm -rf $(BUILD_DIR)
