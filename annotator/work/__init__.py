"""The annotator's work without a user interface: editing one open document, suggesting for many.

``session`` keeps the open document's spans in step with the store (each edit is
one store write that returns the change it made; undo writes the reversed change);
``suggesting`` runs the spaCy pipeline over stored documents. Team work: ``team``
(assign a corpus to annotators, merge their databases), ``agreement``, ``review``
(the majority's final version) and ``statistics``. The desktop app and
the command line build on these; neither imports Qt.
"""
