"""The PySide6 desktop app (the only layer that imports Qt); ``annotator.ui.app.run(db_path)`` starts it."""
