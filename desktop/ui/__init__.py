"""The Qt layer: widgets, item models and the task manager; all behaviour lives in the core."""
