; Inno Setup script: wraps dist\SupportDesk (from packaging\build.py) into an installer.
; Build on Windows with: iscc packaging\windows\supportdesk.iss
[Setup]
AppName=SupportDesk
AppVersion=0.1.0
DefaultDirName={autopf}\SupportDesk
DefaultGroupName=SupportDesk
OutputBaseFilename=SupportDesk-Setup
Compression=lzma2
SolidCompression=yes
PrivilegesRequired=lowest

[Files]
Source: "..\..\dist\SupportDesk\*"; DestDir: "{app}"; Flags: recursesubdirs

[Icons]
Name: "{group}\SupportDesk"; Filename: "{app}\supportdesk.exe"
