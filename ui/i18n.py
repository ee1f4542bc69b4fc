"""Greek and English: which language the client speaks, and the translators that say it.

The language is a QSettings value (``ui/language``: ``system``, ``en`` or ``el``);
``system`` follows the system locale (Greek locales get Greek, everything else English).
Translations are Qt ``.qm`` files compiled from the ``.ts`` sources in
``ui/resources/translations`` (``packaging/build.py`` and ``scripts/translations.py``
run ``pyside6-lrelease``; the ``.qm`` are committed so a source checkout speaks Greek
too). Our file also carries Greek for Qt's own standard buttons (contexts
``QPlatformTheme`` and ``QWizard``), which PySide6 ships no Greek for.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from ui.resource_files import read_bytes

LANGUAGE_KEY = "ui/language"
SYSTEM = "system"
LANGUAGES = {"en": "English", "el": "Ελληνικά"}  # each in its own words
LOCALES = {
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
    "el": QLocale(QLocale.Language.Greek, QLocale.Country.Greece),
}


def locale_for(language: str) -> QLocale:
    """The system's own locale when it speaks ``language`` (en_US keeps US dates),
    otherwise that language's usual one."""
    system, wanted = QLocale.system(), LOCALES[language]
    return system if system.language() == wanted.language() else wanted


def system_language(locale: QLocale | None = None) -> str:
    locale = locale or QLocale.system()
    return "el" if locale.language() == QLocale.Language.Greek else "en"


def chosen_language(settings: QSettings) -> str:
    """The language the settings ask for, with ``system`` (or junk) resolved."""
    value = str(settings.value(LANGUAGE_KEY, SYSTEM) or SYSTEM)
    return value if value in LANGUAGES else system_language()


def load_translator(language: str) -> QTranslator | None:
    """Our translator for ``language`` (None for English, the source language, or if the
    package lacks the file). The bytes stay referenced by the translator: Qt reads them
    in place."""
    if language == "en":
        return None
    data = read_bytes(f"translations/supportdesk_{language}.qm")
    if data is None:
        return None
    translator = _Translator(data)
    return translator if translator.load(data) else None


class _Translator(QTranslator):
    """Holds the ``.qm`` bytes: QTranslator.load(data) reads them in place, never copies."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self.data = data


class Translations:
    """Owns the installed translator; installing another language replaces it."""

    def __init__(self, app: QCoreApplication) -> None:
        self.app = app
        self.language = "en"
        self._translator: QTranslator | None = None

    def install(self, language: str) -> str:
        if self._translator is not None:
            self.app.removeTranslator(self._translator)
            self._translator = None
        translator = load_translator(language)
        if translator is not None:
            self.app.installTranslator(translator)
            self._translator = translator
        self.language = language if translator is not None or language == "en" else "en"
        # Dates, times and numbers follow the language the user reads.
        QLocale.setDefault(locale_for(self.language))
        return self.language


# ``translate("Context", "text")``: the one spelling pyside6-lupdate extracts everywhere
# (scripts/translations.py), in classes and plain functions alike.
translate = QCoreApplication.translate
