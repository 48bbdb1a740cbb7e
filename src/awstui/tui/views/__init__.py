"""The four views, one per tab; ``registry`` lists them (the tabs, keys and palette come from it)."""
