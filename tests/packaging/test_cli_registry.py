"""The CLI imports only the command group it runs; its table must match the groups."""

from __future__ import annotations

import argparse
import importlib

from app.cli import COMMAND_GROUPS, build_parser, command_word


def _added_by(
    module: str,
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> list[str]:
    before = set(sub.choices)
    importlib.import_module(f"app.cli.{module}").register(sub, common)
    return [name for name in sub.choices if name not in before]


def test_the_table_names_every_command_each_group_adds() -> None:
    parser, common = argparse.ArgumentParser(), argparse.ArgumentParser(add_help=False)
    sub = parser.add_subparsers(dest="command")
    registered_by: dict[str, str] = {}
    for module, names in COMMAND_GROUPS:
        added = _added_by(module, sub, common)
        for name in added:
            registered_by[name] = module
        # A group may extend a command an earlier group added (ticket take-next).
        assert set(added) <= set(names), f"app.cli.{module} adds {added}, table says {names}"
    # …and every command the table promises is really registered by some group.
    assert {name for _, names in COMMAND_GROUPS for name in names} == set(registered_by)


def test_a_command_builds_only_its_groups() -> None:
    parser = build_parser("ticket")
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == {"gui", "ticket", "engineer", "assign"}
    take_next = sub.choices["ticket"]
    assert (
        "take-next"
        in next(a for a in take_next._actions if isinstance(a, argparse._SubParsersAction)).choices
    )


def test_the_command_word_skips_global_options_and_their_values() -> None:
    assert command_word(["--db", "sqlite:///x.db", "--user", "ana", "ticket", "show"]) == "ticket"
    assert command_word(["--json", "report", "period"]) == "report"
    assert command_word(["--db", "sqlite:///x.db"]) is None
    assert command_word([]) is None


def test_an_unknown_command_still_gets_the_whole_parser_and_a_clear_error() -> None:
    parser = build_parser("no-such-command")
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert {"init", "ticket", "report", "demo"} <= set(sub.choices)
