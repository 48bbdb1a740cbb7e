"""Key bindings shared by several widgets (terminal habits: vim keys beside the arrows)."""

from textual.binding import Binding

VIM_CURSOR = [
    Binding("j", "cursor_down", "Down", show=False, id="vim.cursor_down"),
    Binding("k", "cursor_up", "Up", show=False, id="vim.cursor_up"),
]
VIM_SCROLL = [
    Binding("j", "scroll_down", "Down", show=False, id="vim.scroll_down"),
    Binding("k", "scroll_up", "Up", show=False, id="vim.scroll_up"),
]
