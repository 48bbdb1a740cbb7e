"""awstui: a keyboard-driven terminal study dashboard for the AWS Developer – Associate exam."""


def get_version() -> str:
    """The installed version, read from package metadata (written once, in pyproject.toml)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("awstui")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"
