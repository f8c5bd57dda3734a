"""Planning, stamping and publishing: what to build again, and ``build/site``.

- ``incremental``: which outputs to build again, longest first, and whether to
  publish; ``fingerprint``: what an output was made from, in one record format
  (``Record``) with one key for everything kept between builds (``code_key``);
  ``stamps``: a step (a PDF render, the EPUB's zip, the kit) skipped when its
  record's key is unchanged.

Publishing ``build/site`` and the kit together, one build at a time:

- ``lock``: one ``coursepress build`` at a time in a project; a second waits.
- ``generations``: the site and the kit of one build are staged side by side
  in a folder of their own and swapped in by one rename, so ``build/site`` is
  always a whole site, the kit always its own.
- ``failures``: what a full disk, a read-only folder or a lost file means for
  the person building, in one line.
"""
