"""What the library tells the user about its own state, in plain words (windows and
commands show these as they are)."""

READ_ONLY_NOTICE = (
    "The data folder {folder} cannot be written: the library is shown as it was last "
    "indexed, and nothing can be changed or saved."
)
DAMAGED_NOTICE = (
    "The library's index was damaged, so it was started again: it is rebuilt from your files "
    "(your bookmarks, notes and corrections are not touched)."
)
BUSY_NOTICE = (
    "Another InnoAtlas is updating this library's index: results come from the last complete "
    "index until it has finished."
)
