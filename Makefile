# The two commands a new user needs (see README):
#   make demo   set up, then check, solve and publish the Athens 2006 programme into out/
#   make test   set up (with the real calendar clients and browser), then run every test

SWIFT ?= swift
FORUM = .build/release/forum
OUT = out

.PHONY: demo test setup setup-test build release bench fuzz clean

setup:
	@scripts/setup.sh build

setup-test:
	@scripts/setup.sh test

release: setup
	$(SWIFT) build -c release --product forum

demo: release
	@mkdir -p $(OUT)
	$(FORUM) validate Schedules/athens-2006.yaml
	$(FORUM) solve Schedules/athens-2006.yaml --fresh --seed 1 --max-moves 2000000 -o $(OUT)/athens-2006-solved.yaml
	$(FORUM) validate $(OUT)/athens-2006-solved.yaml
	$(FORUM) export ics Schedules/athens-2006.yaml -o $(OUT)/athens-2006.ics
	$(FORUM) export ics Schedules/athens-2006.yaml --split theme -o $(OUT)/calendars
	$(FORUM) export frab Schedules/athens-2006.yaml -o $(OUT)/frab
	$(FORUM) export html Schedules/athens-2006.yaml -o $(OUT)/athens-2006.html
	$(FORUM) export markdown Schedules/athens-2006.yaml -o $(OUT)/athens-2006.md
	@echo "demo: outputs are in $(OUT)/"

test: setup-test
	$(SWIFT) test
	$(SWIFT) test --package-path Benchmarks
	scripts/fuzz.sh ci

# The fuzz targets for every reader of outside input (Fuzz/), FUZZ_SECONDS each.
FUZZ_SECONDS ?= 60
fuzz: setup
	scripts/fuzz.sh $(FUZZ_SECONDS)

bench: setup
	$(SWIFT) run -c release --package-path Benchmarks forum-bench

clean:
	rm -rf .build .build-fuzz $(OUT)
