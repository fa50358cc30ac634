import sys

from bench.search import main

sys.exit(main())
