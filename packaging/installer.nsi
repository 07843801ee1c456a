; NSIS 3 installer: makensis -DVERSION=x.y.z -DBUNDLE=<dir> -DOUTFILE=<exe> packaging/installer.nsi
; Per user, no administrator rights. Program files in %LOCALAPPDATA%\Programs\创新生态工作台账;
; the ledgers and backups live in the data folder (%APPDATA%\ShanxiInnovationLedger\创新生态工作台账)
; and are never touched by install, upgrade or uninstall.
Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma

!define NAME "创新生态工作台账"
!define EXE "${NAME}.exe"
!define PUBLISHER "山西省创新生态工作台账项目组"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\InnovationLedger"
!define PROG_ID "InnovationLedger.Package"
!define PKG_EXT ".bsb"
!define DATA_DIR "$APPDATA\ShanxiInnovationLedger\${NAME}"
!ifndef VERSION
  !error "pass -DVERSION=x.y.z (the version in pyproject.toml)"
!endif
!ifndef BUNDLE
  !define BUNDLE "..\dist\${NAME}"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\dist\${NAME}-${VERSION}-安装程序.exe"
!endif
!ifndef ICON
  !define ICON "..\resources\icons\app.ico"
!endif

!include "MUI2.nsh"
!include "FileFunc.nsh"

Name "${NAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${NAME}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
RequestExecutionLevel user
BrandingText "${NAME} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${NAME}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "FileDescription" "${NAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${PUBLISHER}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "将安装 ${NAME} ${VERSION}。$\r$\n$\r$\n只为当前用户安装，不需要管理员权限。已有的台账和备份不受影响；如已装有旧版本，将直接升级。"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE "${NAME} 已卸载"
!define MUI_FINISHPAGE_TEXT "程序文件已删除。$\r$\n$\r$\n台账和备份仍保留在数据文件夹中，没有删除：$\r$\n${DATA_DIR}$\r$\n$\r$\n重新安装后即可继续使用；不再需要时可自行删除该文件夹。"
!insertmacro MUI_UNPAGE_FINISH

!insertmacro MUI_LANGUAGE "SimpChinese"

Section "!${NAME}" SecMain
  SectionIn RO
  ; upgrade in place: the old program files go, the data folder is elsewhere and stays
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  SetOutPath "$INSTDIR"
  File /r "${BUNDLE}\*"
  File "/oname=app.ico" "${ICON}"
  WriteUninstaller "$INSTDIR\卸载.exe"

  CreateDirectory "$SMPROGRAMS\${NAME}"
  CreateShortcut "$SMPROGRAMS\${NAME}\${NAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\app.ico" 0
  CreateShortcut "$SMPROGRAMS\${NAME}\卸载 ${NAME}.lnk" "$INSTDIR\卸载.exe"

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\app.ico"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\卸载.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\卸载.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"

  ; exchange packages (.bsb): a double-click opens the import
  WriteRegStr HKCU "Software\Classes\${PKG_EXT}" "" "${PROG_ID}"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}" "" "${NAME}交换包"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\DefaultIcon" "" "$INSTDIR\app.ico"
  WriteRegStr HKCU "Software\Classes\${PROG_ID}\shell\open\command" "" '"$INSTDIR\${EXE}" --package "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "桌面快捷方式" SecDesktop
  CreateShortcut "$DESKTOP\${NAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\app.ico" 0
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecMain} "程序文件、开始菜单项、卸载项，以及交换包（${PKG_EXT}）的打开方式。"
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "在桌面放一个快捷方式。"
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Section "Uninstall"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\app.ico"
  Delete "$INSTDIR\卸载.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${NAME}\${NAME}.lnk"
  Delete "$SMPROGRAMS\${NAME}\卸载 ${NAME}.lnk"
  RMDir "$SMPROGRAMS\${NAME}"
  Delete "$DESKTOP\${NAME}.lnk"
  DeleteRegKey HKCU "${UNINST_KEY}"
  ReadRegStr $0 HKCU "Software\Classes\${PKG_EXT}" ""
  StrCmp $0 "${PROG_ID}" 0 +2
    DeleteRegKey HKCU "Software\Classes\${PKG_EXT}"
  DeleteRegKey HKCU "Software\Classes\${PROG_ID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DetailPrint "台账和备份保留在 ${DATA_DIR}"
SectionEnd
