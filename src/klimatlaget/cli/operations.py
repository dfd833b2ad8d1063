"""Operations sub-commands: collectstatic, check, backup and restore (see docs/DEPLOY.md)."""

import argparse
import sys
from pathlib import Path

from klimatlaget.cli.commands import err


def add_commands(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    collect = sub.add_parser(
        "collectstatic", help="gather static files for production (run after each upgrade)"
    )
    collect.set_defaults(run=collectstatic)
    check = sub.add_parser("check", help="check the configuration; --deploy for production")
    check.add_argument(
        "--deploy", action="store_true", help="also the production checks; warnings fail too"
    )
    check.set_defaults(run=run_checks)
    backup = sub.add_parser("backup", help="write the whole database to FILE")
    backup.add_argument("file", metavar="FILE")
    backup.add_argument(
        "--json", action="store_true", help="SQLite: a database-neutral dump (to move databases)"
    )
    backup.set_defaults(run=run_backup)
    restore = sub.add_parser(
        "restore", help="replace the whole database with FILE's (all or nothing)"
    )
    restore.add_argument("file", metavar="FILE")
    restore.set_defaults(run=run_restore)


def collectstatic(args: argparse.Namespace) -> int:
    from django.conf import settings
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    err.print(f"Static files collected in {settings.STATIC_ROOT}.", soft_wrap=True)
    return 0


def run_checks(args: argparse.Namespace) -> int:
    """Django's system checks (and with --deploy its and the project's deployment checks)."""
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    try:
        call_command("check", deploy=args.deploy, fail_level="WARNING" if args.deploy else "ERROR")
    except SystemCheckError as error:
        sys.stderr.write(f"{error}\n")
        return 1
    return 0


def run_backup(args: argparse.Namespace) -> int:
    from klimatlaget.operations.backup import BackupError, backup

    target = Path(args.file)
    try:
        kind = backup(target, json=args.json)
    except BackupError as error:
        err.print(f"No backup was written. {error}", markup=False, highlight=False, soft_wrap=True)
        return 2
    err.print(f"Backed up to {target} ({kind}, {target.stat().st_size:,} bytes).", soft_wrap=True)
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from klimatlaget.operations.backup import BackupError, restore

    try:
        kind = restore(Path(args.file))
    except BackupError as error:
        err.print(f"Nothing was restored. {error}", markup=False, highlight=False, soft_wrap=True)
        return 2
    err.print(f"Restored {args.file} ({kind}).", soft_wrap=True)
    return 0
