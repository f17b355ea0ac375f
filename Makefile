# Deep Learning Workbook. `make lab` to learn, `make test` to check everything; both set up .venv first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8888
NB ?= notebooks/*.ipynb
# PyTorch's build: auto (CUDA where nvidia-smi finds a GPU, else CPU), cpu or cuda; see tools/torch_build.py.
# A choice given once is kept in .venv for later runs.
TORCH ?=
COURSE ?= course
# nbgrader for instructors, apart from the learners' .venv (see `make course-env`)
INSTRUCTOR := .venv-instructor
# MathJax for the static site, from npm (tools/site/package.json; see `make site`)
MATHJAX := tools/site/node_modules/mathjax/package.json

.PHONY: lab test unit notebooks browser portable pythons gpu-check test-latest lint format bench outputs workbook progress doctor site course course-env course-check hub hub-setup clean help

help:
	@echo "make lab      set up .venv (first time only) and open JupyterLab at notebooks/00_start_here.ipynb"
	@echo "              (make lab TORCH=cpu or TORCH=cuda picks PyTorch's build; by default CUDA only with an NVIDIA GPU)"
	@echo "make test     set up .venv with test tools, then run unit, notebook (nbval) and browser tests"
	@echo "make portable run the unit and notebook tests again under other CPUs' vector kernels and BLAS paths (tests/portability.sh)"
	@echo "make pythons  run the unit and notebook tests under Python 3.10, 3.11, 3.12 and 3.13, each in its own"
	@echo "              .venv-3.X (tests/pythons.sh; make pythons VERSIONS=\"3.12 3.13\" for some of them)"
	@echo "make gpu-check on a machine with an NVIDIA GPU: the torch tests and the PyTorch notebooks on the GPU"
	@echo "make test-latest  the unit tests and notebooks in .venv-latest with the newest release of every dependency"
	@echo "              (no pins); prints each failure's cause in one line and the packages that moved from their pins"
	@echo "make lint     ruff check (course_lib, tests, tools, notebooks) and ruff format --check (the Python files)"
	@echo "make format   ruff check --fix and ruff format on course_lib, tests and tools (notebooks are left as they are)"
	@echo "make doctor   print what is installed (Python, pins, torch build and device, BLAS, Chromium, lab extensions,"
	@echo "              disk) and, for each problem, the command that fixes it"
	@echo "make bench    print the benchmark ratios (course_lib vs PyTorch, widget redraw, notebook times)"
	@echo "make workbook your own copies of the notebooks, without solutions, in my_workbook/ (never overwrites yours;"
	@echo "              make workbook FRESH=c1w2 puts a fresh copy of one notebook beside yours)"
	@echo "make progress run the checks on your copies in my_workbook/ and show which exercises pass, per week"
	@echo "make site     a static HTML site of all notebooks with their committed outputs in site/ (open site/index.html);"
	@echo "              the exercises show the learner's stub (make site SOLUTIONS=1 keeps the solutions: do not publish it)"
	@echo "make course   instructors: an nbgrader course directory in course/ (make course COURSE=dir: elsewhere),"
	@echo "              its exercises as answer cells, its checks as graded cells; never overwrites a file there"
	@echo "make course-env  instructors: nbgrader in .venv-instructor (apart from the learners' .venv)"
	@echo "make course-check nbgrader validates every assignment: source versions pass, released ones fail"
	@echo "make hub     a local JupyterHub for a class (in .venv-hub): each learner signs in and gets their own copy of"
	@echo "              the workbook, pulled by nbgitpuller (never over their edits); open http://127.0.0.1:8000"
	@echo "make hub-setup install what make hub and its browser test need (.venv-hub, hub/node_modules), start nothing"
	@echo "make outputs  maintainers: re-execute NB=notebooks/x.ipynb (default all) in place to refresh outputs"

# The stamp files depend on pyproject.toml, so a second run installs nothing unless the pins changed.
$(BIN)/python:
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 10) else \
	  "Python >= 3.10 is needed; $(PYTHON) is %d.%d. Install a newer Python, or run: make lab PYTHON=python3.11" % v[:2])'
	$(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV): is the venv module installed (Debian: apt install python3-venv)?"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

# The torch build asked for: rewritten only when TORCH names another, so that reinstalls torch.
$(VENV)/.torch-choice: FORCE | $(BIN)/python
	@choice='$(or $(TORCH),$(shell cat $@ 2>/dev/null),auto)'; \
	[ "$$choice" = "$$(cat $@ 2>/dev/null)" ] || echo "$$choice" > $@
FORCE:

# $(call install_torch,PYTHON,CHOICE,ON_BAD_CHOICE): torch of the chosen build (tools/torch_build.py prints
# the pip arguments, or nothing where `pip install -e .` alone gets the right build) into PYTHON's venv.
install_torch = torch=$$($(1) tools/torch_build.py $(2)) || { $(3); exit 1; }; \
	if [ -n "$$torch" ]; then echo "pip install $$torch"; \
	  $(1) -m pip install --quiet $$torch || { echo "Installing torch failed (see above)."; exit 1; }; fi

# torch first, from the index of the chosen build; `pip install -e .` then keeps it (2.13.0+cpu
# satisfies torch==2.13.0) and installs the rest. Last, which build it is and the disk .venv takes.
$(VENV)/.lab-installed: pyproject.toml $(VENV)/.torch-choice | $(BIN)/python
	@$(call install_torch,$(BIN)/python,$$(cat $(VENV)/.torch-choice),rm $(VENV)/.torch-choice)
	$(BIN)/python -m pip install --quiet -e . || { echo "Installing the workbook's dependencies failed (see above)."; exit 1; }
	@$(BIN)/python tools/doctor.py torch disk || true
	touch $@

$(VENV)/.test-installed: pyproject.toml $(VENV)/.lab-installed
	$(BIN)/python -m pip install --quiet -e ".[test]" || { echo "Installing the test dependencies failed (see above)."; exit 1; }
	touch $@

# JupyterLab opens the learner's own copy once `make workbook` has made it: the committed notebooks hold
# the solutions, and a learner's edits there would block `git pull`.
START = $(if $(wildcard my_workbook/00_start_here.ipynb),my_workbook,notebooks)/00_start_here.ipynb

lab: $(VENV)/.lab-installed
	@token=$$($(BIN)/python -c 'import secrets; print(secrets.token_hex(24))'); \
	echo ""; \
	echo "  Open the workbook at: http://127.0.0.1:$(PORT)/lab/tree/$(START)?token=$$token"; \
	echo "  (Ctrl-C stops JupyterLab; if port $(PORT) is taken, run: make lab PORT=8890)"; \
	echo ""; \
	$(BIN)/jupyter lab --ip=127.0.0.1 --port=$(PORT) --ServerApp.port_retries=0 \
	  --IdentityProvider.token=$$token $(if $(filter 0,$(shell id -u)),--allow-root) \
	  --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/$(START)

test: $(VENV)/.test-installed $(MATHJAX) $(INSTRUCTOR)/.installed
	$(BIN)/python -m pytest

unit: $(VENV)/.test-installed
	$(BIN)/python -m pytest tests -m "not notebook and not browser"

notebooks: $(VENV)/.test-installed
	$(BIN)/python -m pytest --nbval notebooks

browser: $(VENV)/.test-installed
	$(BIN)/python -m pytest tests/test_browser.py

portable: $(VENV)/.test-installed
	bash tests/portability.sh $(CONFIG)

pythons:
	bash tests/pythons.sh $(VERSIONS)

gpu-check:
	PYTHON=$(PYTHON) bash tests/gpu_check.sh

# Tomorrow's releases, in their own venv (never .venv): the names come from pyproject.toml without
# their pins (tools/latest.py requirements); --upgrade-strategy eager upgrades them on each run.
LATEST := .venv-latest

test-latest:
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 11) else \
	  "make test-latest needs Python >= 3.11 (the newest releases dropped 3.10); $(PYTHON) is %d.%d" % v[:2])'
	[ -x $(LATEST)/bin/python ] || $(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --quiet --upgrade pip packaging
	$(LATEST)/bin/python -m pip install --quiet --upgrade --upgrade-strategy eager \
	  $$($(LATEST)/bin/python tools/latest.py requirements)
	$(LATEST)/bin/python -m pip install --quiet --no-deps -e .
	$(LATEST)/bin/python tools/latest.py run

doctor:
	@if [ -x $(BIN)/python ]; then $(BIN)/python tools/doctor.py; \
	else echo "!!  no $(VENV) yet"; echo "      fix: make lab"; exit 1; fi

# The Python files ruff formats (the notebooks are linted but left as they are).
LINTED := course_lib tests tools

lint: $(VENV)/.test-installed
	$(BIN)/ruff check $(LINTED) notebooks
	$(BIN)/ruff format --check $(LINTED)

format: $(VENV)/.test-installed
	$(BIN)/ruff check --fix $(LINTED)
	$(BIN)/ruff format $(LINTED)

bench: $(VENV)/.test-installed
	$(BIN)/python tools/bench.py

outputs: $(VENV)/.test-installed
	$(BIN)/python tools/execute_notebooks.py $(NB)

# Learner copies: existing files in my_workbook/ are never written; see course_lib/workbook/copies.py.
workbook: $(VENV)/.lab-installed
	$(BIN)/python -m course_lib.workbook make $(if $(FRESH),--fresh $(FRESH))

progress: $(VENV)/.lab-installed
	$(BIN)/python -m course_lib.workbook progress

# The notebooks as committed, exercises as the learner's stubs, rendered by nbconvert (nothing
# executed), with MathJax from npm served beside them; see tools/build_site.py.
$(MATHJAX): tools/site/package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix tools/site --no-audit --no-fund --silent; \
	else echo "npm not found: the site's pages will load MathJax from its CDN (Debian: apt install npm)"; fi

site: $(VENV)/.lab-installed $(MATHJAX)
	$(BIN)/python tools/build_site.py --out site $(if $(SOLUTIONS),--with-solutions)

# Instructors: nbgrader (the `instructor` dependency group) in its own venv, and a kernel that runs
# the notebooks with the learners' .venv; see tools/export_course.py.
$(INSTRUCTOR)/.installed: pyproject.toml $(VENV)/.lab-installed
	$(PYTHON) -m venv $(INSTRUCTOR)
	$(INSTRUCTOR)/bin/python -m pip install --quiet --upgrade pip
	$(INSTRUCTOR)/bin/python -m pip install --quiet --group instructor || { echo "Installing nbgrader failed (see above)."; exit 1; }
	$(INSTRUCTOR)/bin/python -m pip check
	@# (its warning that the prefix is not on .venv's kernel path is moot: nbgrader runs from the prefix)
	$(BIN)/python -m ipykernel install --prefix $(abspath $(INSTRUCTOR)) --name course-workbook \
	  --display-name "Deep Learning Workbook (.venv)" 2>$(INSTRUCTOR)/kernel.log || { cat $(INSTRUCTOR)/kernel.log; exit 1; }
	touch $@

course-env: $(INSTRUCTOR)/.installed

course: $(VENV)/.lab-installed
	$(BIN)/python tools/export_course.py --out $(COURSE)

course-check: $(VENV)/.test-installed $(INSTRUCTOR)/.installed
	COURSE_CHECK=all $(BIN)/python -m pytest tests/test_course.py -m course

# JupyterHub demo (hub/jupyterhub_config.py): its own venv with the workbook's pins plus the [hub] extra,
# and the proxy from npm (hub/package-lock.json). Learners pull the committed HEAD from a bare mirror.
HUB_VENV := .venv-hub
HUB_STATE := hub/state
HUB_PORT ?= 8000

$(HUB_VENV)/.hub-installed: pyproject.toml hub/package-lock.json
	@command -v npm >/dev/null || { echo "make hub needs Node.js and npm (Debian: apt install nodejs npm)."; exit 1; }
	[ -x $(HUB_VENV)/bin/python ] || $(PYTHON) -m venv $(HUB_VENV)
	@# torch first, of the build make lab would choose (TORCH= as there), then the workbook and the hub
	@$(call install_torch,$(HUB_VENV)/bin/python,$(or $(TORCH),auto),true)
	$(HUB_VENV)/bin/python -m pip install --quiet -e ".[hub]" || { echo "Installing JupyterHub failed (see above)."; exit 1; }
	npm ci --prefix hub --no-audit --no-fund --loglevel=error
	@# no "Jupyter news?" pop-up in the learners' JupyterLab
	mkdir -p $(HUB_VENV)/etc/jupyter/labconfig
	echo '{"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": true}}' \
	  > $(HUB_VENV)/etc/jupyter/labconfig/page_config.json
	touch $@

hub-setup: $(HUB_VENV)/.hub-installed

hub: $(HUB_VENV)/.hub-installed
	@$(HUB_VENV)/bin/python -c 'import socket; socket.socket().bind(("127.0.0.1", $(HUB_PORT)))' 2>/dev/null \
	  || { echo "Port $(HUB_PORT) is taken (another make hub?): run make hub HUB_PORT=8010"; exit 1; }
	@mkdir -p $(HUB_STATE)
	@if [ -d $(HUB_STATE)/upstream.git ]; then \
	  git --git-dir=$(HUB_STATE)/upstream.git fetch --quiet --prune "$(CURDIR)" "+refs/heads/*:refs/heads/*"; \
	else git clone --quiet --bare . $(HUB_STATE)/upstream.git; fi
	@echo ""
	@echo "  JupyterHub: http://127.0.0.1:$(HUB_PORT)  (Ctrl-C stops it; another port: make hub HUB_PORT=8010)"
	@echo "  Sign in with any user name and the password: workbook. Each name gets its own copy of the"
	@echo "  workbook (branch $$(git rev-parse --abbrev-ref HEAD), as committed) in $(HUB_STATE)/homes/<name>/workbook."
	@echo ""
	cd hub && WORKBOOK_HUB_STATE=state WORKBOOK_HUB_PORT=$(HUB_PORT) \
	  WORKBOOK_BRANCH=$$(git rev-parse --abbrev-ref HEAD) ../$(HUB_VENV)/bin/jupyterhub -f jupyterhub_config.py

clean:
	rm -rf site tools/site/node_modules $(VENV) .venv-3.* $(INSTRUCTOR) $(HUB_VENV) $(LATEST) hub/node_modules .pytest_cache .hypothesis tests/artifacts
