"""`python -m dreamscape` runs the command line."""

from dreamscape.cli.main import main

raise SystemExit(main())
