#!/usr/bin/env bash
# Quick start, part 1: install what is missing, build, and assess Cambodia's 2023 election.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
./build/scrutineer validate criteria/standards.toml fixtures/elections/*
./build/scrutineer assess fixtures/elections/khm-2023 --explain=fails
