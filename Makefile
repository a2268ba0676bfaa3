# Two entry points, both doing all set-up on a fresh Debian machine:
#   make run   — install what building confab needs, build the confab program only, and build
#                the demo hub into public/
#   make test  — install the test tools too (clang, chromium, Java, Node.js and the npm
#                packages), build everything and run every test
BUILD_DIR ?= build
JOBS ?= $(shell nproc)

.PHONY: run serve test test-asan deps deps-run deps-fuzz deps-test configure configure-tests \
	confab build clean fuzz bench

run: deps-run confab
	./$(BUILD_DIR)/confab build --config site.toml

# Preview the demo hub on http://127.0.0.1:1111/, rebuilding on every change
serve: deps-run confab
	./$(BUILD_DIR)/confab serve --config site.toml

# The fuzzers' bounded run comes first so that ctest's summary closes the output.
test: deps-test build
	FUZZ_BUILD_DIR=$(CURDIR)/$(BUILD_DIR)/fuzz ./fuzz/run $(FUZZ_SECONDS)
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# Every test again, everything built with AddressSanitizer and UBSan, in build-asan/ (slower:
# not part of make test).
ASAN_BUILD_DIR ?= build-asan
test-asan: deps-test
	cmake -S . -B $(ASAN_BUILD_DIR) -DCONFAB_TESTS=ON -DCONFAB_SANITIZE=ON
	cmake --build $(ASAN_BUILD_DIR) -j $(JOBS)
	cd $(ASAN_BUILD_DIR) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan-suppressions.txt \
		ctest --output-on-failure -j $(JOBS)

# Fuzzing for longer than make test's few seconds: make fuzz FUZZ_SECONDS=600
FUZZ_SECONDS ?= 5
fuzz: deps-fuzz
	FUZZ_BUILD_DIR=$(CURDIR)/$(BUILD_DIR)/fuzz ./fuzz/run $(FUZZ_SECONDS)

# Fetch, parse, thread and render benchmarks (figures in BENCHMARKS.md); bench/run builds the
# benchmark programs, which need no test tools.
bench: deps-run configure
	./bench/run $(BUILD_DIR)

# scripts/install-deps by set: run (building confab), fuzz (+ clang), test (everything).
deps-run deps-fuzz deps-test:
	./scripts/install-deps $(@:deps-%=%)

deps: deps-test

$(BUILD_DIR)/CMakeCache.txt:
	cmake -S . -B $(BUILD_DIR)

configure: $(BUILD_DIR)/CMakeCache.txt

# The tests are configured only where GoogleTest is installed: a build directory first made by
# `make run` (without it) is configured again with them.
configure-tests:
	@grep -qs '^CONFAB_TESTS:BOOL=ON$$' $(BUILD_DIR)/CMakeCache.txt || \
		cmake -S . -B $(BUILD_DIR) -DCONFAB_TESTS=ON

# The confab program alone
confab: configure
	cmake --build $(BUILD_DIR) --target confab -j $(JOBS)

# Everything: the program, the tests and the benchmarks
build: configure-tests
	cmake --build $(BUILD_DIR) -j $(JOBS)

clean:
	rm -rf $(BUILD_DIR)
