# sdgpipe: the two quick-start commands (see README.md) and the development helpers.
SWIFT ?= swift

.PHONY: demo test test-binary deps build build-without-postgres browser-check sdmx-check parquet-check clean bench format lint fault-test

## Run the demo pipeline end to end (installs libxml2-dev and zlib1g-dev first where they are missing).
demo: deps
	$(SWIFT) build --product sdgpipe
	$$($(SWIFT) build --show-bin-path)/sdgpipe run pipelines/demo.yaml
	@echo "Results: output/riverton-demo/ (report.html, impact.csv, progress.csv, sdgpipe.sqlite, run.json, ...)"

## The build the tests run: debug, under ThreadSanitizer (a data race fails the run), with the default traits
## (PostgreSQL included). One build for every test and check: a second one without the sanitizer took as long again.
TEST_BUILD = --sanitize=thread --scratch-path .build-tsan
TEST_BIN = $$($(SWIFT) build $(TEST_BUILD) --show-bin-path)/sdgpipe

## Run every test (what .ci/run runs) under ThreadSanitizer, then the report check in a real browser (skipped without
## Chromium) and the SDMX and Parquet exports read by other tools. The PostgreSQL tests run when
## SDGPIPE_TEST_POSTGRES_URL names a server (.ci/run starts one) and are skipped otherwise.
test: deps
	$(SWIFT) build --build-tests $(TEST_BUILD)
	TSAN_OPTIONS=halt_on_error=1 $(SWIFT) test --skip-build $(TEST_BUILD)
	$(MAKE) --no-print-directory browser-check
	$(MAKE) --no-print-directory sdmx-check
	$(MAKE) --no-print-directory parquet-check

## The sdgpipe of the test build, which the checks below run (built already after `make test`'s build).
test-binary: deps
	$(SWIFT) build --product sdgpipe $(TEST_BUILD)

## The demo's tables as Parquet (`tables: [parquet]`) read back by pyarrow, polars and DuckDB, every row equal to the
## CSV tables; two indicators renamed `4-6-1` and `2020`, the ids that readers take for a date and a number when they
## are folder names. Python from SDGPIPE_PYTHON (.ci/run installs the three readers); skipped with a message where
## they are not installed.
parquet-check: test-binary
	@rm -rf output/.parquet-check && mkdir -p output/.parquet-check
	@sed -e "s#\.\./samples/#$(CURDIR)/samples/#g" -e "s/tables: \[csv, json, sqlite\]/tables: [csv, sqlite, parquet]/" \
		-e "s/adult_learning_rate/4-6-1/g" -e "s/library_visits/2020/g" pipelines/demo.yaml > output/.parquet-check/demo.yaml
	$(TEST_BIN) run output/.parquet-check/demo.yaml --out output/.parquet-check/out --quiet
	@$${SDGPIPE_PYTHON:-python3} scripts/check_parquet.py output/.parquet-check/out; \
		status=$$?; if [ $$status -eq 77 ]; then exit 0; else exit $$status; fi

## The demo's SDMX export checked against its DSD by `validate --structure` (rules SS01-SS11), then read by sdmx1
## and pysdmx (independent readers from PyPI): the same observations and sum as sdgpipe reads, every key in the DSD's
## codelists. Python from SDGPIPE_PYTHON (.ci/run makes a virtual environment with both); the readers are skipped
## with a message where they are not installed.
sdmx-check: test-binary
	@rm -rf output/.sdmx-check
	$(TEST_BIN) run pipelines/demo.yaml --out output/.sdmx-check --quiet
	$(TEST_BIN) validate --structure samples/sdmx/sdg-dsd-subset.xml \
		output/.sdmx-check/sdmx/*.csv output/.sdmx-check/sdmx/*.xml
	@$${SDGPIPE_PYTHON:-python3} scripts/check_sdmx_export.py $(TEST_BIN) \
		samples/sdmx/sdg-dsd-subset.xml output/.sdmx-check/sdmx; \
		status=$$?; if [ $$status -eq 77 ]; then exit 0; else exit $$status; fi

## Render the demo report in headless Chromium: no console errors, 17 goal tiles, every chart drawn, phone width;
## then the coded-municipalities report (in English, French and Spanish): names where the data has codes; the
## districts report: every map drawn with its legend.
browser-check: test-binary
	@rm -rf output/.browser-check
	$(TEST_BIN) run pipelines/demo.yaml --out output/.browser-check --quiet
	@python3 scripts/browser_check.py output/.browser-check/report.html output/.browser-check/report.png; \
		status=$$?; if [ $$status -eq 77 ]; then exit 0; else exit $$status; fi
	@# The demo's Voluntary Local Review pages (the changes since the previous edition and the GNLC summary too): no
	@# console errors, every chart drawn, phone width.
	@python3 scripts/browser_check.py --pages output/.browser-check/vlr/*.html output/.browser-check/vlr/gnlc/*.html; \
		status=$$?; if [ $$status -eq 77 ]; then exit 0; else exit $$status; fi
	@rm -rf output/.browser-check-coded
	$(TEST_BIN) run pipelines/coded.yaml --out output/.browser-check-coded --quiet
	@python3 scripts/browser_check.py output/.browser-check-coded/report.html output/.browser-check-coded/report.png \
		"0363=Amsterdam,0344=Utrecht,0599=Rotterdam,1980=Dijk en Waard"; \
		status=$$?; if [ $$status -eq 77 ]; then exit 0; else exit $$status; fi
	@for lang in fr es; do \
		dir=output/.browser-check-$$lang; rm -rf $$dir && mkdir -p $$dir && \
		sed -e "s#\.\./samples/#$(CURDIR)/samples/#g" -e "s#period: 2011–2023}#period: 2011–2023, language: $$lang}#" \
			pipelines/coded.yaml > $$dir/coded.yaml && \
		$(TEST_BIN) run $$dir/coded.yaml --out $$dir/out --quiet && \
		python3 scripts/browser_check.py $$dir/out/report.html $$dir/report.png "0363=Amsterdam,1980=Dijk en Waard"; \
		status=$$?; if [ $$status -ne 0 ] && [ $$status -ne 77 ]; then exit $$status; fi; \
	done
	@# Districts with boundaries: every map drawn with its legend, the districts' names where the data has codes.
	@rm -rf output/.browser-check-districts
	$(TEST_BIN) run pipelines/districts.yaml --out output/.browser-check-districts --quiet
	@python3 scripts/browser_check.py output/.browser-check-districts/report.html output/.browser-check-districts/report.png \
		"RV01=Old Town,RV05=Park,RV07=Harbour"; \
		status=$$?; if [ $$status -eq 77 ]; then exit 0; else exit $$status; fi
	@# A national file with more series than the report draws: the summaries, the area index and the command.
	@rm -rf output/.browser-check-national && python3 bench/defaults/generate.py 25 output/.browser-check-national >/dev/null
	$(TEST_BIN) run output/.browser-check-national/per-indicator.yaml \
		--out output/.browser-check-national/out --quiet
	@python3 scripts/browser_check.py output/.browser-check-national/out/report.html \
		output/.browser-check-national/report.png; \
		status=$$?; if [ $$status -eq 77 ]; then exit 0; else exit $$status; fi

## Install the system libraries the build needs, only where missing.
deps:
	@if ! pkg-config --exists libxml-2.0 zlib 2>/dev/null; then \
		echo "Installing libxml2-dev, zlib1g-dev and pkg-config (needed to parse SDMX-ML and read .gz files)"; \
		SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libxml2-dev zlib1g-dev pkg-config; \
	fi

build: deps
	$(SWIFT) build

## The package built without the PostgreSQL trait (`--disable-default-traits`), tests included: by hand when the
## code under `#if PostgreSQL` changes (a full build of its own, so not part of `make test`). Its PostgreSQL tests are
## skipped; `DataSafetyTests` checks that such a build refuses `postgres://` with exit 2.
build-without-postgres: deps
	$(SWIFT) build --build-tests --disable-default-traits --scratch-path .build-without-postgres
	env -u SDGPIPE_TEST_POSTGRES_URL $(SWIFT) test --skip-build --disable-default-traits --scratch-path .build-without-postgres

## Rewrite the sources with swift format (.swift-format: 4 spaces, 120 columns).
format:
	$(SWIFT) format format --in-place --recursive Sources Tests Package.swift

## Fail when a source file is not as `make format` would write it (run by .ci/run), naming the files.
lint:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && cp -R Sources Tests Package.swift .swift-format "$$tmp"/ && \
		(cd "$$tmp" && $(SWIFT) format format --in-place --recursive Sources Tests Package.swift) && \
		if ! diff -rq Sources "$$tmp/Sources" >/dev/null || ! diff -rq Tests "$$tmp/Tests" >/dev/null \
			|| ! diff -q Package.swift "$$tmp/Package.swift" >/dev/null; then \
			diff -rq Sources "$$tmp/Sources"; diff -rq Tests "$$tmp/Tests"; diff -q Package.swift "$$tmp/Package.swift"; \
			echo "not formatted: run make format"; exit 1; fi; echo "lint: formatted"

clean:
	rm -rf .build output/riverton-demo

## The end-to-end benchmark at city-network scale, by hand (minutes; see docs/performance.md). Never part of `test`.
bench:
	bench/run


## Kills at every failpoint and concurrent runs, in a loop, checking that nothing was lost (a few minutes; not part
## of `make test`). PostgreSQL is included when SDGPIPE_TEST_POSTGRES_URL names a server.
fault-test: deps
	$(SWIFT) build --product sdgpipe
	python3 scripts/fault_test.py $$($(SWIFT) build --show-bin-path)/sdgpipe $(or $(ROUNDS),2)
