from repatriation.cli import main

raise SystemExit(main())
