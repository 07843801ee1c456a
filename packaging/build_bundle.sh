#!/usr/bin/env bash
# Build the one-folder bundle in dist/创新生态工作台账/ (Linux here, Windows in CI: Git Bash).
# Needs the venv from .ci/setup; installs PyInstaller (the "package" extra) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
[ -x "$py" ] || py=.venv/Scripts/python.exe
"$py" -c "import PyInstaller" 2>/dev/null || "$py" -m pip install -q -e ".[package]"
start=$(date +%s)
"$py" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/innovation_ledger.spec
echo "bundle: dist/创新生态工作台账 $(du -sh dist/创新生态工作台账 | cut -f1)," \
     "built in $(( $(date +%s) - start )) s"
