"""Importers: turn other formats (e.g. Markdown question banks from GitHub) into awstui content.

Pure Python: never imports textual.
"""

from .bank import BankImportReport, import_bank, slugify
from .images import image_links
from .markdown_bank import Finding, ParsedQuestion, ParseResult, parse_markdown_bank
from .toml_writer import dumps_exam, toml_string, write_exam_file

__all__ = [
    "BankImportReport",
    "Finding",
    "ParseResult",
    "ParsedQuestion",
    "dumps_exam",
    "image_links",
    "import_bank",
    "parse_markdown_bank",
    "slugify",
    "toml_string",
    "write_exam_file",
]
