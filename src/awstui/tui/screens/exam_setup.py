"""Set up a custom, practice or weak-spots exam: questions, minutes, domains and services."""

from __future__ import annotations

from collections import Counter
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from ...content.models import DOMAINS, UNCLASSIFIED, domain_name
from ...content.text import escaped, for_display
from ...exam import ExamConfig, ExamError
from ...exam.config import MAX_MINUTES, MIN_MINUTES, NO_SERVICES
from ...exam.draw import filter_effect
from ..paste import OneLineInput
from .dialog import Dialog

DEFAULTS = {"custom": (20, 40), "practice": (10, None), "weak": (20, 40)}
TITLES = {"custom": "Custom exam", "practice": "Practice (untimed, instant feedback)", "weak": "Weak spots"}


def parse_config(
    mode: str, count_text: str, minutes_text: str, domains: list, services: list, all_domains: int, all_services: int
) -> ExamConfig:
    """Turn the form's fields into a config, or raise ExamError with a message for the learner."""
    try:
        count = int(count_text.strip())
    except ValueError:
        raise ExamError(f"number of questions: {escaped(count_text.strip())!r} is not a whole number") from None
    minutes: float | None = None
    if mode != "practice":
        m = minutes_text.strip()
        if m and m != "0":
            try:
                minutes = float(m)
            except ValueError:
                minutes = None
            if minutes is None or not MIN_MINUTES <= minutes <= MAX_MINUTES:
                raise ExamError(
                    f"minutes: {escaped(m)!r} is not allowed: a number from {MIN_MINUTES} to {MAX_MINUTES} "
                    "(0 or empty = untimed)"
                ) from None
    if not domains:
        raise ExamError("choose at least one domain")
    if not services:
        raise ExamError("choose at least one service")
    return ExamConfig(
        mode=mode,
        count=count,
        minutes=minutes,
        domains=None if len(domains) == all_domains else tuple(domains),
        services=None if len(services) == all_services else tuple(services),
    )


NO_SERVICES_LABEL = "Without services"


def left_out(bank: Any, domains: list, services: list, all_domains: int, all_services: int) -> str:
    """What the ticked domains and services keep of ``bank`` and what they leave out, one line:
    "120 questions match; left out: 12 without services, 30 of other domains"."""
    effect = filter_effect(
        bank,
        None if len(domains) == all_domains else domains,
        None if len(services) == all_services else services,
    )
    parts = [
        f"{n:,} {what}"
        for n, what in (
            (effect.untagged, f"without services (tick {NO_SERVICES_LABEL!r} to keep them)"),
            (effect.other_domains, "of other domains"),
            (effect.other_services, "of other services"),
        )
        if n
    ]
    head = f"{effect.kept:,} question{'s' if effect.kept != 1 else ''} match"
    return head + ("; left out: " + ", ".join(parts) if parts else "")


class ExamSetupScreen(Dialog[ExamConfig | None]):
    DEFAULT_CSS = """
    .dialog.setup { height: 90%; }
    .setup-row { height: 3; }
    .setup-row Label { padding: 1 1 0 0; }
    .setup-row Input { width: 12; }
    #setup-domains { height: auto; max-height: 8; }
    #setup-services { height: auto; max-height: 14; }
    #setup-left-out { color: $text-muted; padding-top: 1; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="exam_setup.cancel"),
        Binding("ctrl+s", "start", "Start", id="exam_setup.start"),
    ]

    def __init__(
        self, mode: str, library: Any, services: tuple[str, ...] | None = None, count: int | None = None
    ) -> None:
        """``services``: only these are ticked (a drill of one service); ``count``: the number of
        questions offered (else the mode's default)."""
        super().__init__()
        self.mode = mode
        self.library = library
        self.ticked = services
        self.count = count

    def compose(self) -> ComposeResult:
        count, minutes = DEFAULTS.get(self.mode, (20, 40))
        count = self.count or count
        bank = self.library.exam
        domains = Counter(q.domain for q in bank)
        services = Counter(s for q in bank for s in q.services or (NO_SERVICES,))
        with Vertical(classes="dialog setup"):
            yield Static(Text(TITLES.get(self.mode, self.mode), style="bold"), classes="dialog-title")
            with VerticalScroll():
                with Horizontal(classes="setup-row"):
                    yield Label("Questions")
                    yield OneLineInput(str(count), id="setup-count", type="integer")
                    if self.mode != "practice":
                        yield Label(f"Minutes ({MIN_MINUTES}–{MAX_MINUTES}, 0 = untimed)")
                        yield OneLineInput(str(minutes), id="setup-minutes")
                yield Label(Text("Domains", style="bold"))
                choices: list[Selection[int | str]] = [
                    Selection(Text(f"{domain_name(d)}  ({domains[d]})"), d, True) for d in sorted(DOMAINS) if domains[d]
                ]
                if domains.get(UNCLASSIFIED):
                    choices.append(
                        Selection(Text(f"Imported, unclassified  ({domains[UNCLASSIFIED]})"), UNCLASSIFIED, True)
                    )
                yield SelectionList(*choices, id="setup-domains")
                yield Label(Text("Services (space toggles)", style="bold"))
                yield SelectionList(*self._service_choices(services), id="setup-services")
                yield Static(id="setup-left-out")
                yield Static(id="setup-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Start (ctrl+s)", id="start", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def _service_choices(self, services: Counter) -> list[Selection[str]]:
        ticked = set(self.ticked) if self.ticked is not None else None
        choices = [
            Selection(Text(f"{for_display(s.name)}  ({services[s.id]})"), s.id, ticked is None or s.id in ticked)
            for s in self.library.services
            if services[s.id]
        ]
        if services[NO_SERVICES]:  # selectable on their own: most imported questions tag no service
            choices.append(
                Selection(Text(f"{NO_SERVICES_LABEL}  ({services[NO_SERVICES]})"), NO_SERVICES, ticked is None)
            )
        return choices

    def on_mount(self) -> None:
        self.query_one("#setup-count", Input).focus()
        self._show_left_out()

    def on_selection_list_selected_changed(self, _event: SelectionList.SelectedChanged) -> None:
        self._show_left_out()

    def _show_left_out(self) -> None:
        domains = self.query_one("#setup-domains", SelectionList)
        services = self.query_one("#setup-services", SelectionList)
        line = left_out(
            self.library.exam,
            list(domains.selected),
            list(services.selected),
            domains.option_count,
            services.option_count,
        )
        self.query_one("#setup-left-out", Static).update(Text(line))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "start":
            self.action_start()
        else:
            self.action_cancel()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_start()

    def action_start(self) -> None:
        minutes = self.query("#setup-minutes")
        domains = self.query_one("#setup-domains", SelectionList)
        services = self.query_one("#setup-services", SelectionList)
        try:
            config = parse_config(
                self.mode,
                self.query_one("#setup-count", Input).value,
                minutes.first(Input).value if minutes else "",
                list(domains.selected),
                list(services.selected),
                domains.option_count,
                services.option_count,
            )
        except ExamError as exc:
            self.query_one("#setup-error", Static).update(Text(str(exc), style="bold red"))
            return
        self.dismiss(config)

    def action_cancel(self) -> None:
        self.dismiss(None)
