"""`python -m pipeline` is the same program as the `enforcement-monitor` command."""
from pipeline.cli import main

if __name__ == "__main__":
    main()
