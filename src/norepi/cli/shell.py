"""The shell every ``norepi`` command runs in: one error handler, input read as meant, help in plain words.

- ``NorepiGroup`` (every command group): a library error is one line on stderr and exit 1; a usage error one line
  and exit 2; Ctrl-C one line saying what was kept, exit 130; an unexpected error one line naming it as a bug
  (``NOREPI_DEBUG=1`` shows the traceback), exit 1. Never a traceback otherwise.
- Global options (``--db``) may stand anywhere on the line: the root group moves them to the front.
- ``NorepiCommand``: a negative number (``-5``, ``-0.5``) is a value for the command, not an unknown option; the
  help shows typed names (``DATE``, ``NUMBER``, ``TEXT...``), nothing for flags, ranges as ``2-28``.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import typer
from typer import _click
from typer._click.parser import _OptionParser
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from norepi.cli.context import err_console, interrupt_note, reset_consoles

GLOBAL_OPTIONS = ("--db",)  # root options that take a value and may stand anywhere before "--"
NEGATIVE_NUMBER = re.compile(r"-(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
EXIT_INTERRUPTED = 130


def hoist_global_options(args: Sequence[str]) -> list[str]:
    """``args`` with every global option (``--db X``, ``--db=X``) moved to the front, in order; the rest keeps its
    order. Nothing after ``--`` moves."""
    front: list[str] = []
    rest: list[str] = []
    i = 0
    args = list(args)
    while i < len(args):
        a = args[i]
        if a == "--":
            rest.extend(args[i:])
            break
        if a in GLOBAL_OPTIONS and i + 1 < len(args):
            front += args[i : i + 2]
            i += 2
            continue
        if a.split("=", 1)[0] in GLOBAL_OPTIONS and "=" in a:
            front.append(a)
        else:
            rest.append(a)
        i += 1
    return front + rest


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _say(message: str) -> None:
    from rich.markup import escape

    err_console.print(f"[red]error:[/] {escape(_one_line(message))}", soft_wrap=True)


def _os_error(exc: OSError) -> str:
    where = exc.filename if exc.filename is not None else ""
    what = exc.strerror or type(exc).__name__
    return f"{where}: {what}" if where else what


def _database_error(exc: Exception) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = _one_line(str(orig))
    if "locked" in text:
        return f"the database is busy (another norepi is writing to it): {text}; try again"
    return f"database: {text}"


def help_paragraphs(text: str) -> str:
    """``text`` (a docstring) with its example lines in a paragraph of their own that is not re-wrapped (click's
    ``\\b`` marker), so that an example stays one line to copy."""
    import inspect

    out: list[str] = []
    for line in inspect.cleandoc(text).splitlines():
        if line.startswith("Example:") and not (out and out[-1].startswith("Example:")):
            if out and out[-1] != "":
                out.append("")
            out.append("\b")
        out.append(line)
    return "\n".join(out)


def _format_help_text(cmd: _click.Command, formatter: _click.HelpFormatter) -> None:
    if cmd.help:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(help_paragraphs(cmd.help))


def short_help(cmd: _click.Command) -> str:
    """A command's first paragraph on one line (its summary in a group's list)."""
    text = cmd.short_help or (cmd.help or "")
    return " ".join(text.strip().split("\n\n")[0].split())


class NorepiGroup(TyperGroup):
    """A command group whose commands' errors all end as one line (see the module docstring)."""

    def get_params(self, ctx: _click.Context) -> list[_click.Parameter]:
        params = super().get_params(ctx)
        _typed(params)
        return params

    def format_help_text(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        _format_help_text(self, formatter)

    def format_commands(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        rows = [(name, short_help(cmd)) for name in self.list_commands(ctx)
                if (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def parse_args(self, ctx: _click.Context, args: list[str]) -> list[str]:
        if ctx.parent is None:
            args = hoist_global_options(args)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: _click.Context) -> Any:
        from norepi.errors import NorepiError

        try:
            return super().invoke(ctx)
        except (typer.Exit, _click.exceptions.ClickException, typer.Abort):
            raise
        except NorepiError as exc:
            _say(str(exc))
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            err_console.print(f"interrupted: {interrupt_note()}", soft_wrap=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except OSError as exc:
            _say(_os_error(exc))
            raise typer.Exit(1) from None
        except Exception as exc:
            if type(exc).__module__.startswith("sqlalchemy") and "DatabaseError" in {
                    c.__name__ for c in type(exc).__mro__}:
                _say(_database_error(exc))
                raise typer.Exit(1) from None
            if os.environ.get("NOREPI_DEBUG"):
                raise
            _say(f"unexpected {type(exc).__name__}: {exc} - a bug in norepi, nothing more was saved; please report "
                 "it with the command line (NOREPI_DEBUG=1 shows where)")
            raise typer.Exit(1) from None

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,  # type: ignore[override]
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        """Run the command line; usage errors as one line and a hint (exit 2), Ctrl-C while parsing exit 130."""
        reset_consoles()
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _click.exceptions.NoArgsIsHelpError as exc:  # a group alone: its help, as --help shows it
            print(exc.ctx.get_help() if exc.ctx is not None else exc.format_message())
            sys.exit(0)
        except _click.exceptions.UsageError as exc:
            _say(exc.format_message())
            if exc.ctx is not None:
                err_console.print(f"Try '{exc.ctx.command_path} --help' for help and examples.", soft_wrap=True,
                                  highlight=False)
            sys.exit(exc.exit_code)
        except _click.exceptions.ClickException as exc:
            _say(exc.format_message())
            sys.exit(exc.exit_code)
        except typer.Abort:
            err_console.print(f"stopped: {interrupt_note()}", soft_wrap=True)
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)


class _NumbersAreValues(_OptionParser):
    """The option parser, but ``-5`` or ``-0.5`` where an option could stand is a value (a positional argument)."""

    def _process_opts(self, arg: str, state: Any) -> None:
        if NEGATIVE_NUMBER.fullmatch(arg) and arg not in self._short_opt and arg not in self._long_opt:
            state.largs.append(arg)
            return
        super()._process_opts(arg, state)


_TYPE_WORDS = {int: "INTEGER", float: "NUMBER", str: "TEXT", bool: "YES/NO"}


def _type_word(param: TyperOption | TyperArgument) -> str:
    desc = param.type_descriptor
    annotation: Any = desc.annotation
    if desc.is_list:
        from typing import get_args

        inner = get_args(annotation)
        annotation = inner[0] if inner else str
    if desc.is_path:
        word = "PATH"
    else:
        word = _TYPE_WORDS.get(annotation, getattr(annotation, "__name__", "VALUE").upper())
    return f"{word}..." if desc.is_list else word


_NUMBER_WORDS = {int: "a whole number", float: "a number"}
_TRUE = frozenset({"1", "true", "yes", "y", "on", "t"})
_FALSE = frozenset({"0", "false", "no", "n", "off", "f", ""})


class _LightValue:
    """Coercion of the simple parameters (text, whole number, number, path; one or repeated) without building a
    Pydantic adapter, which costs some 0.1 s at every start: the same values and ranges, refused as usage errors
    naming the parameter. Anything else falls back to Typer's own coercion."""

    def __init__(self, kind: type, param: Any) -> None:
        self.kind, self.param = kind, param

    def coerce(self, value: Any, param: Any, ctx: _click.Context) -> Any:
        many = param.multiple or param.nargs == -1
        if value is None:
            return () if many else None
        if many:
            if isinstance(value, str):
                raise _click.exceptions.BadParameter("Value must be an iterable.", ctx=ctx, param=param)
            return [self._one(v, ctx) for v in value]
        return self._one(value, ctx)

    def _one(self, value: Any, ctx: _click.Context) -> Any:
        kind = self.kind
        if kind is str:
            return value if isinstance(value, str) else str(value)
        if kind is Path:
            return value if isinstance(value, Path) else Path(value)
        if kind is bool:
            if isinstance(value, bool):
                return value
            word = str(value).strip().lower()
            if word in _TRUE or word in _FALSE:
                return word in _TRUE
            raise _click.exceptions.BadParameter(f"{value!r} is not yes or no (1/0, true/false).", ctx=ctx,
                                                 param=self.param)
        if isinstance(value, kind) and not isinstance(value, bool):
            number = value
        else:
            try:
                number = kind(str(value).strip())
            except (TypeError, ValueError):
                raise _click.exceptions.BadParameter(f"{value!r} is not {_NUMBER_WORDS[kind]}.", ctx=ctx,
                                                     param=self.param) from None
        lo, hi = self.param.type_descriptor.parameter_info.min, self.param.type_descriptor.parameter_info.max
        if (lo is not None and number < lo) or (hi is not None and number > hi):
            raise _click.exceptions.BadParameter(f"{number} is not in the range {_range(self.param)}.", ctx=ctx,
                                                 param=self.param)
        return number


def _light(param: Any) -> _LightValue | None:
    """The light coercion of ``param`` when it is a simple one (see ``_LightValue``), else None."""
    desc = param.type_descriptor
    info = desc.parameter_info
    if desc.file_annotation is not None or info.parser is not None or getattr(info, "click_type", None) is not None \
            or getattr(info, "clamp", False):
        return None
    annotation: Any = desc.annotation
    if desc.is_list:
        from typing import get_args

        inner = get_args(annotation)
        annotation = inner[0] if inner else str
    if annotation is Path:
        plain = not (info.exists or info.resolve_path or info.path_type not in (None, Path)
                     or not info.file_okay or not info.dir_okay or info.writable or info.readable is False)
        return _LightValue(Path, param) if plain else None
    if annotation in (str, int, float, bool):
        return _LightValue(annotation, param)
    return None


def _range(param: TyperOption | TyperArgument) -> str | None:
    lo, hi = getattr(param, "min", None), getattr(param, "max", None)
    if lo is not None and hi is not None:
        return f"{lo}-{hi}"
    if lo is not None:
        return f"at least {lo}"
    if hi is not None:
        return f"at most {hi}"
    return None


class NorepiOption(TyperOption):
    """An option shown with a typed name (its metavar, else INTEGER/NUMBER/TEXT/PATH) and nothing for a flag,
    coerced by ``_LightValue`` where it can be."""

    def get_runtime_param(self) -> Any:
        if getattr(self, "_runtime_param", None) is None:
            self._runtime_param = _light(self) or super().get_runtime_param()  # type: ignore[assignment]
        return self._runtime_param

    def display_type_rich(self, ctx: _click.Context) -> str | None:
        if self.is_flag or self.count:
            return None
        return self.metavar or _type_word(self)

    def _get_number_range_help_str(self) -> str | None:
        return _range(self)


class NorepiArgument(TyperArgument):
    """An argument shown by its metavar (else its name in capitals) with a typed name, coerced by ``_LightValue``
    where it can be."""

    def get_runtime_param(self) -> Any:
        if getattr(self, "_runtime_param", None) is None:
            self._runtime_param = _light(self) or super().get_runtime_param()  # type: ignore[assignment]
        return self._runtime_param

    def display_type_rich(self, ctx: _click.Context) -> str | None:
        return _type_word(self)

    @property
    def display_name_raw(self) -> str:
        return self.metavar or (self.name or "").upper()

    def _usage_display_name(self) -> str:
        name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
        return name + ("..." if self.nargs != 1 else "")

    def _get_number_range_help_str(self) -> str | None:
        return _range(self)


def _typed(params: Sequence[_click.Parameter]) -> None:
    for p in params:
        if type(p) is TyperOption:
            p.__class__ = NorepiOption
        elif type(p) is TyperArgument:
            p.__class__ = NorepiArgument


class NorepiCommand(TyperCommand):
    """A command that takes negative numbers as values and shows typed names in its help."""

    def get_params(self, ctx: _click.Context) -> list[_click.Parameter]:
        params = super().get_params(ctx)
        _typed(params)
        return params

    def format_help_text(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        _format_help_text(self, formatter)

    def make_parser(self, ctx: _click.Context) -> _OptionParser:
        parser = _NumbersAreValues(ctx)
        for param in self.get_params(ctx):
            param.add_to_parser(parser, ctx)
        return parser



class NorepiTyper(typer.Typer):
    """A Typer app whose commands are ``NorepiCommand`` unless told otherwise."""

    def command(self, name: str | None = None, *, cls: type[TyperCommand] | None = None,  # type: ignore[override]
                **kwargs: Any) -> Any:
        return super().command(name, cls=cls or NorepiCommand, **kwargs)


def group(help_text: str) -> NorepiTyper:
    """A command group (or the root app) with the shared error handler; ``help_text`` should end in an example."""
    return NorepiTyper(help=help_text, cls=NorepiGroup, no_args_is_help=True, rich_markup_mode=None,
                       pretty_exceptions_enable=False, context_settings={"help_option_names": ["-h", "--help"]})
