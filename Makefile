# The two commands of the README: `make demo` and `make test`. Everything else is a helper.
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc)
SAMPLE = samples/central-asia-korea

.PHONY: demo test test-asan deps build build-asan format clean bench bench-peers bench-scale

deps:
	@scripts/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

# The demo needs only the binary: build just that target, quietly, then answer the questions.
demo: deps $(BUILD)/CMakeCache.txt
	@cmake --build $(BUILD) -j $(JOBS) --target silkgraph -- --no-print-directory
	@echo
	$(BUILD)/silkgraph -f $(SAMPLE)/questions.cypher $(SAMPLE)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

$(ASAN_BUILD)/CMakeCache.txt:
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DSILKGRAPH_SANITIZE=ON

build-asan: deps $(ASAN_BUILD)/CMakeCache.txt
	cmake --build $(ASAN_BUILD) -j $(JOBS)

test-asan: build-asan
	cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)

# Benchmarks (bench/, docs/benchmarks.md). Data is generated once per N and seed under bench/data/.
BENCH_TARGETS = bench_generate bench_silkgraph bench_micro
bench: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target $(BENCH_TARGETS)
	/usr/bin/python3 bench/run_peers.py --engines silkgraph --n 1000000,5000000 --build $(BUILD) --label bench --update-docs
	$(BUILD)/bench/bench_micro --data bench/data/n1000000-s20241104 --benchmark_min_time=0.5
bench-peers: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target $(BENCH_TARGETS)
	test -f bench/peers/node_modules/kuzu/kuzujs.node || npm install --prefix bench/peers kuzu@0.11.3
	/usr/bin/python3 bench/run_peers.py --n 1000000,5000000 --build $(BUILD) --label peers --threads 2 --update-docs
bench-scale: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target $(BENCH_TARGETS)
	/usr/bin/python3 bench/run_peers.py --engines silkgraph --n $${BENCH_SCALE_N:-1000000,5000000,50000000} --runs 3 --build $(BUILD) --label scale --update-docs
