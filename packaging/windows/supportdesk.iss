; Inno Setup script: wraps dist\SupportDesk (from packaging\build.py) into an installer.
; Build on Windows, after `python packaging\build.py`:
;   iscc /DAppVersion=<app.__version__> packaging\windows\supportdesk.iss
; (packaging\README.md has the exact steps; the version is never written here.)
#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=0.1.0 (it is app.__version__)
#endif

[Setup]
AppId={{6C3F2A1E-5B7D-4E8A-9C21-5D0B7F3A9E44}
AppName=SupportDesk
AppVersion={#AppVersion}
AppPublisher=SupportDesk
DefaultDirName={autopf}\SupportDesk
DefaultGroupName=SupportDesk
OutputDir=..\..\dist
OutputBaseFilename=SupportDesk-{#AppVersion}-Setup
SetupIconFile=..\..\build\icons\supportdesk.ico
UninstallDisplayIcon={app}\supportdesk.exe
Compression=lzma2
SolidCompression=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ChangesEnvironment=yes
WizardStyle=modern

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "el"; MessagesFile: "compiler:Languages\Greek.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; Flags: unchecked
Name: "path"; Description: "Add supportdesk-cli to PATH (command line)"; Flags: unchecked

[Files]
Source: "..\..\dist\SupportDesk\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
; supportdesk.exe is the windowed client (no console window behind it);
; supportdesk-cli.exe is the same program for the command line.
Name: "{group}\SupportDesk"; Filename: "{app}\supportdesk.exe"
Name: "{group}\Uninstall SupportDesk"; Filename: "{uninstallexe}"
Name: "{autodesktop}\SupportDesk"; Filename: "{app}\supportdesk.exe"; Tasks: desktopicon

[Registry]
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; \
    ValueData: "{olddata};{app}"; Tasks: path; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\supportdesk-cli.exe"; Parameters: "--self-test"; \
    StatusMsg: "Checking the installation…"; Flags: runhidden
Filename: "{app}\supportdesk.exe"; Description: "{cm:LaunchProgram,SupportDesk}"; \
    Flags: nowait postinstall skipifsilent

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Path: string;
begin
  if not RegQueryStringValue(HKCU, 'Environment', 'Path', Path) then
    Path := '';
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Path) + ';') = 0;
end;
