"""Tests of the exam engine (awstui.exam)."""
