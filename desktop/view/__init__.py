"""What the window shows, computed without Qt: the reader's HTML, the entity panel's pages and
the graph's data, the navigation history. The Qt layer (``desktop.ui``) draws these; keeping
them here lets them be tested without a display, and keeps them from reaching into widgets.
"""
