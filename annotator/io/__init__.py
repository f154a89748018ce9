"""Import and export: text files, folders and JSONL in; our JSONL, spaCy DocBin and doccano out.

The modules are imported on use (``annotator.io.importer``, ``.export``,
``.suggestions``, ``.sample``) so the command line starts without spaCy.
"""
