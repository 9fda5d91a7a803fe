from repatriation_book.cli import main

raise SystemExit(main())
