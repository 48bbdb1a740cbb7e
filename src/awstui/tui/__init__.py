"""The face of awstui: the only package that imports textual."""
