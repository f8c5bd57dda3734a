"""Publishing ``build/site`` and the kit together, one build at a time.

- ``lock``: one ``coursepress build`` at a time in a project; a second waits.
- ``generations``: the site and the kit of one build are staged side by side
  in a folder of their own and swapped in by one rename, so ``build/site`` is
  always a whole site, the kit always its own.
- ``failures``: what a full disk, a read-only folder or a lost file means for
  the person building, in one line.
"""
