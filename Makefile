# The two commands of the README: `make demo` and `make test`. Everything else is a helper.
BUILD ?= build
ASAN_BUILD ?= build-asan
TSAN_BUILD ?= build-tsan
FUZZ_BUILD ?= build-fuzz
JOBS ?= $(shell nproc)
SAMPLE = samples/central-asia-korea

# The world graph (samples/world, docs/world.md) from ../shared/data with the source loaders alone.
WORLD_DATA ?= ../shared/data
WORLD_DB = samples/world/world.sg

.PHONY: world demo python test test-asan test-tsan check deps build build-asan format clean bench bench-peers bench-algorithms bench-scale bench-writes bench-index-ddl bench-gdelt bench-loaders bench-parload bench-python bench-bolt crash-test fuzz fuzz-ci

deps:
	@scripts/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

world: deps $(BUILD)/CMakeCache.txt
	@cmake --build $(BUILD) -j $(JOBS) --target silkgraph -- --no-print-directory
	rm -f samples/world/world.new.sg samples/world/world.new.sg.wal
	$(BUILD)/silkgraph import countries $(WORLD_DATA)/countries -o samples/world/world.new.sg
	$(BUILD)/silkgraph import usgs-mcs $(WORLD_DATA)/usgs_mcs -o samples/world/world.new.sg
	$(BUILD)/silkgraph import wikidata-offices $(WORLD_DATA)/leaders -o samples/world/world.new.sg
	$(BUILD)/silkgraph import factbook $(WORLD_DATA)/factbook -o samples/world/world.new.sg
	$(BUILD)/silkgraph import gdelt $(WORLD_DATA)/gdelt -o samples/world/world.new.sg
	$(BUILD)/silkgraph import facts $(WORLD_DATA)/facts -o samples/world/world.new.sg
	mv samples/world/world.new.sg $(WORLD_DB)

# The demo needs only the binary: build just that target, quietly, then answer the questions.
demo: deps $(BUILD)/CMakeCache.txt
	@cmake --build $(BUILD) -j $(JOBS) --target silkgraph -- --no-print-directory
	@echo
	$(BUILD)/silkgraph -f $(SAMPLE)/questions.cypher $(SAMPLE)

# The Python module (docs/python.md): builds it and installs the package for Debian's
# /usr/bin/python3 into the user site directory (no registry, no root needed once deps are in).
python: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target silkgraph_native
	@site=$$(/usr/bin/python3 -m site --user-site) && mkdir -p "$$site" && \
	  rm -rf "$$site/silkgraph" && cp -r $(BUILD)/python/silkgraph "$$site/" && \
	  echo "installed the silkgraph package into $$site"

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The sanitizer build is also the short fuzz build: clang, ASan+UBSan at -O1 with asserts on, the
# library instrumented for libFuzzer, so fuzz-ci needs no build of its own. (Warnings are
# errors in the gcc builds; clang's own warnings are not checked here.)
$(ASAN_BUILD)/CMakeCache.txt:
	CXX=clang++ cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DSILKGRAPH_SANITIZE=ON \
	  -DSILKGRAPH_FUZZ=ON -DSILKGRAPH_WERROR=OFF -DSILKGRAPH_PCH=ON \
	  -DSILKGRAPH_TEST_SHARDS=12

build-asan: deps $(ASAN_BUILD)/CMakeCache.txt
	cmake --build $(ASAN_BUILD) -j $(JOBS)

test-asan: build-asan
	cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS)

# ThreadSanitizer over the tests that run more than one thread (threaded load, the
# threaded relationship-scan aggregation, the two-thread adjacency sort, a cursor's statement
# on its own thread, reads from several threads: ConcurrentReadThreadsTest). Only their files
# are built there (thread_tests, tests/CMakeLists.txt): a new threaded test's file goes there
# (make check says so when one is missing).
TSAN_FILTER = LoaderThreadsTest.*:ParallelScanTest.*:*Thread*:AdjacencyOrder*:SchemaIndex*:ResultStreamTest.*
$(TSAN_BUILD)/CMakeCache.txt:
	cmake -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DSILKGRAPH_SANITIZE_THREAD=ON

test-tsan: deps $(TSAN_BUILD)/CMakeCache.txt
	cmake --build $(TSAN_BUILD) -j $(JOBS) --target thread_tests
	TSAN_OPTIONS=halt_on_error=1 $(TSAN_BUILD)/tests/thread_tests --gtest_filter='$(TSAN_FILTER)'

# Crash testing of the write-ahead log (tests/crash/README.md): 200 SIGKILLs of a writer, each
# followed by a comparison with the model of its acknowledged commits, then injected write and
# flush failures. CI runs the same with 30 kills (ctest crash.kill_and_faults).
crash-test: build
	/usr/bin/python3 tests/crash/crash_test.py $(BUILD)/silkgraph $(BUILD)/tests/crash/crash_writer \
	  $(BUILD)/tests/crash/sg_fail_writes.so --kills $${CRASH_KILLS:-200}

# libFuzzer targets (tests/fuzz/README.md): a clang build with ASan+UBSan, each target run for
# FUZZ_SECONDS; fuzz-ci is the short form CI runs.
FUZZ_SECONDS ?= 600
FUZZ_TARGETS = query json_loader csv_loader graph_file wal bolt
$(FUZZ_BUILD)/CMakeCache.txt:
	CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSILKGRAPH_FUZZ=ON -DSILKGRAPH_WERROR=OFF -DSILKGRAPH_PCH=ON

fuzz: deps $(FUZZ_BUILD)/CMakeCache.txt
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target silkgraph $(addprefix fuzz_,$(FUZZ_TARGETS))
	FUZZ_JOBS=$(JOBS) scripts/run-fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# CI's short form: each target for FUZZ_CI_SECONDS (30), built in the sanitizer build of
# test-asan; CI has 60 minutes for everything, and make fuzz runs the targets for long.
FUZZ_CI_SECONDS ?= 30
fuzz-ci: build-asan
	FUZZ_JOBS=$(JOBS) scripts/run-fuzz.sh $(ASAN_BUILD) $(FUZZ_CI_SECONDS) $(FUZZ_TARGETS)

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

# The tree's shape (ARCHITECTURE.md): modules include only modules below them and front ends
# only main/, no product file over 900 lines, no function over 150 lines, clang-format clean.
PRODUCT_DIRS = common engine query loaders export procedures main shell python server
check: deps
	/usr/bin/python3 scripts/check-tree.py
	/usr/bin/python3 scripts/check-function-size.py $(PRODUCT_DIRS)
	clang-format --dry-run -Werror $$(git ls-files '*.cpp' '*.h')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(TSAN_BUILD) $(FUZZ_BUILD)

# Benchmarks (bench/, docs/benchmarks.md). Data is generated once per N and seed under bench/data/.
BENCH_TARGETS = bench_generate bench_silkgraph bench_micro
bench: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target $(BENCH_TARGETS)
	/usr/bin/python3 bench/run_peers.py --engines silkgraph --n 1000000,5000000 --build $(BUILD) --label bench --update-docs
	$(BUILD)/bench/bench_micro --data bench/data/n1000000-s20241104 --benchmark_min_time=0.5
bench-peers: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target $(BENCH_TARGETS)
	test -f bench/peers/node_modules/kuzu/kuzujs.node || npm install --prefix bench/peers kuzu@0.11.3
	test -f bench/peers/node_modules/kuzu/kuzujs.node || (cd bench/peers/node_modules/kuzu && node install.js)
	/usr/bin/python3 bench/run_peers.py --n 1000000,5000000 --build $(BUILD) --label peers --threads 2 --update-docs
	$(MAKE) bench-algorithms
# Graph algorithms (issue 12): algo.* against python3-igraph, Kuzu 0.11.3's algo extension and
# NetworkX on a 1M-node/10M-relationship power-law graph and the SUPPLIES graph, answers
# cross-checked, peak memory per engine. BENCH_ALGO_ARGS=--small for a quick check.
bench-algorithms: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target bench_generate silkgraph_native
	test -f bench/peers/node_modules/kuzu/kuzujs.node || npm install --prefix bench/peers kuzu@0.11.3
	test -f bench/peers/node_modules/kuzu/kuzujs.node || (cd bench/peers/node_modules/kuzu && node install.js)
	/usr/bin/python3 bench/run_algorithms.py --build $(BUILD) --update-docs $(BENCH_ALGO_ARGS)
# Scale: silkgraph alone in one process per N (1M, 5M, 50M: load, queries, memory), then the
# database file built by `silkgraph build` at 50M, 200M and 500M SUPPLIES and queried in place
# (bench/run_scale.py: build time and peak RSS, file size, open and query times; the 500M
# CSV takes 35 GB of disk, its database file 13 GB; the CSV of 200M and 500M is removed once
# its database file is built). BENCH_SCALE_ARGS="--cluster SUPPLIES:in" builds them clustered
# (docs/storage.md, "Clustered relationships").
bench-scale: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target $(BENCH_TARGETS) silkgraph
	/usr/bin/python3 bench/run_peers.py --engines silkgraph --n $${BENCH_SCALE_N:-1000000,5000000,50000000} --runs 3 --build $(BUILD) --label scale --update-docs
	/usr/bin/python3 bench/run_scale.py --build $(BUILD) --n $${BENCH_SCALE_FILE_N:-50000000,200000000,500000000} --runs 3 --update-docs $${BENCH_SCALE_ARGS}
# The GDELT loader against Kuzu's COPY on a generated 10,000,000-row export (bench/run_gdelt.py);
# GDELT_ROWS=200000 for a small check.
GDELT_ROWS ?= 10000000
bench-gdelt: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target bench_generate_gdelt bench_import
	test -f bench/peers/node_modules/kuzu/kuzujs.node || npm install --prefix bench/peers kuzu@0.11.3
	test -f bench/peers/node_modules/kuzu/kuzujs.node || (cd bench/peers/node_modules/kuzu && node install.js)
	/usr/bin/python3 bench/run_gdelt.py --build $(BUILD) --rows $(GDELT_ROWS)
# Parallel loading (issue 16 item 3): the 5M load and `silkgraph build` with --threads 1
# against --threads 2, three runs each, every figure and the ratios (bench/run_parload.py).
bench-parload: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target bench_generate bench_import silkgraph
	/usr/bin/python3 bench/run_parload.py --build $(BUILD) --runs 3
# Each source loader per row against the Neo4j-CSV loader on the same number of rows, and the
# time of `make world` (bench/run_loaders.py; uses the bench-gdelt file when it exists).
bench-loaders: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target bench_generate bench_import silkgraph
	/usr/bin/python3 bench/run_loaders.py --build $(BUILD)
# Write workloads (issue 10): autocommit, one transaction of 100,000 CREATEs, UNWIND/MERGE of
# 1,000,000 rows, recovery of a 1 GiB log; silkgraph against SQLite (WAL, synchronous=FULL) and
# Kuzu 0.11.3. npm may skip kuzu's install script (it copies the prebuilt binary): run it.
# Issue 16 item 2: Q1 on the 5M graph loaded without a schema file, after CREATE INDEX on
# SUPPLIES (resource, year), against SQLite with an index on (dst, resource, year).
bench-index-ddl: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target bench_silkgraph bench_generate
	/usr/bin/python3 bench/run_index_ddl.py --n 5000000 --build $(BUILD)

# The Bolt server (issue 15): a point query over Bolt with 1, 8 and 32 clients (neo4j-driver)
# and a minimal client, against Kuzu 0.11.3 in process and the shell (bench/run_bolt.py).
# BENCH_BOLT_ARGS="--n 100000 --seconds 2" for a quick check.
bench-bolt: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target bench_generate silkgraph
	test -f bench/peers/node_modules/kuzu/kuzujs.node || npm install --prefix bench/peers kuzu@0.11.3
	test -f bench/peers/node_modules/kuzu/kuzujs.node || (cd bench/peers/node_modules/kuzu && node install.js)
	/usr/bin/python3 bench/run_bolt.py --build $(BUILD) --update-docs $(BENCH_BOLT_ARGS)

# The Python module (issue 14): 1,000,000 rows of four columns into a DataFrame against
# pandas.read_csv and Kuzu 0.11.3's Node.js getAll() of the same rows, and the per-call
# overhead (bench/python_frame.py). BENCH_PYTHON_ARGS="--rows 10000" for a quick check.
bench-python: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target silkgraph_native
	test -f bench/peers/node_modules/kuzu/kuzujs.node || npm install --prefix bench/peers kuzu@0.11.3
	test -f bench/peers/node_modules/kuzu/kuzujs.node || (cd bench/peers/node_modules/kuzu && node install.js)
	PYTHONPATH=$(BUILD)/python /usr/bin/python3 bench/python_frame.py $(BENCH_PYTHON_ARGS)

bench-writes: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target bench_writes
	test -f bench/peers/node_modules/kuzu/kuzujs.node || npm install --prefix bench/peers kuzu@0.11.3
	test -f bench/peers/node_modules/kuzu/kuzujs.node || (cd bench/peers/node_modules/kuzu && node install.js)
	/usr/bin/python3 bench/run_writes.py --build $(BUILD)
