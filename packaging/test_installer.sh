#!/usr/bin/env bash
# The NSIS installer under Wine: silent install of an older version, upgrade in
# place to this one (the Linux bundle as payload), silent uninstall. Checks
# results, not exit codes: without wine32 a run "succeeds" having done nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
name="创新生态工作台账"
version=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')

need=()
dpkg --print-foreign-architectures | grep -qx i386 || need+=(arch)
for p in nsis wine wine32:i386 wine64 xvfb xauth; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo dpkg --add-architecture i386
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    nsis wine wine32:i386 wine64 xvfb xauth >/dev/null
fi

[ -d "dist/$name" ] || bash packaging/build_bundle.sh
work=build/installer-test
rm -rf "$work"; mkdir -p "$work/old/_internal"
# old version: a small payload with a file the new version no longer has
printf 'old program' > "$work/old/$name.exe"
printf 'old' > "$work/old/_internal/old-only.txt"
# new version: the real bundle (hard links), its program under the Windows name
cp -al "dist/$name" "$work/new"
mv "$work/new/$name" "$work/new/$name.exe"

build() {  # version payload outfile
  makensis -V2 -DVERSION="$1" -DBUNDLE="$root/$2" -DOUTFILE="$root/$3" \
    -DICON="$root/resources/icons/app.ico" packaging/installer.nsi >/dev/null
}
start=$(date +%s)
build 0.0.1 "$work/old" "$work/old-setup.exe"
build "$version" "$work/new" "$work/$name-$version-安装程序.exe"
echo "installers built in $(( $(date +%s) - start )) s;" \
     "$(du -h "$work/$name-$version-安装程序.exe" | cut -f1) for $version"

export WINEPREFIX="$root/$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" LANG=C.UTF-8
w() { xvfb-run -a wine "$@"; wineserver -w; }
w wineboot -i >/dev/null 2>&1
user=$(ls "$WINEPREFIX/drive_c/users" | grep -vx Public | head -1)
home="$WINEPREFIX/drive_c/users/$user"
inst="$home/AppData/Local/Programs/$name"
menu="$home/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/$name"
data="$home/AppData/Roaming/ShanxiInnovationLedger/$name"
key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\InnovationLedger'
fails=0; passes=0
ok() { if eval "$2"; then echo "PASS $1"; passes=$((passes+1)); else echo "FAIL $1"; fails=$((fails+1)); fi; }
reg() { wine reg query "$@" 2>/dev/null | tr -d '\r'; }

w "$work/old-setup.exe" /S
ok "old version installed" '[ -f "$inst/_internal/old-only.txt" ] && [ -f "$inst/卸载.exe" ]'
ok "uninstall key says 0.0.1" 'reg "$key" /v DisplayVersion | grep -q "0\.0\.1"'
mkdir -p "$data"; printf 'ledger' > "$data/ledger.sqlite3"

w "$work/$name-$version-安装程序.exe" /S
ok "program files installed" '[ -f "$inst/$name.exe" ] && [ -d "$inst/_internal/resources/fonts" ] && [ -f "$inst/app.ico" ]'
ok "old program files removed by the upgrade" '[ ! -e "$inst/_internal/old-only.txt" ]'
ok "Start-menu shortcut" '[ -f "$menu/$name.lnk" ]'
ok "desktop shortcut" '[ -f "$home/Desktop/$name.lnk" ] || [ -f "$WINEPREFIX/drive_c/users/Public/Desktop/$name.lnk" ]'
for v in DisplayName DisplayVersion Publisher DisplayIcon EstimatedSize UninstallString; do
  ok "uninstall key has $v" 'reg "$key" /v $v | grep -q "$v"'
done
ok "uninstall key says $version" 'reg "$key" /v DisplayVersion | grep -q "$version"'
ok "estimated size is the bundle's" '[ $(( $(reg "$key" /v EstimatedSize | grep -o "0x[0-9a-f]*") )) -gt 50000 ]'
ok ".bsb opens the import" 'reg "HKCU\Software\Classes\InnovationLedger.Package\shell\open\command" | grep -q -- "--package"'
ok ".bsb is ours" 'reg "HKCU\Software\Classes\.bsb" | grep -q InnovationLedger.Package'
ok "data kept by the upgrade" '[ "$(cat "$data/ledger.sqlite3")" = ledger ]'

w "$inst/卸载.exe" /S
sleep 2; wineserver -w
ok "program folder gone" '[ ! -e "$inst" ]'
ok "Start-menu folder gone" '[ ! -e "$menu" ]'
ok "uninstall key gone" '! reg "$key" | grep -q DisplayName'
ok ".bsb association gone" '! reg "HKCU\Software\Classes\.bsb" | grep -q InnovationLedger'
ok "ledger in the data folder kept" '[ "$(cat "$data/ledger.sqlite3")" = ledger ]'
wineserver -k 2>/dev/null || true
echo "installer: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
