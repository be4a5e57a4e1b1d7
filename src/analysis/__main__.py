import sys

try:
    from analysis.cli import main
except KeyboardInterrupt:  # Ctrl-C while the package is imported: nothing was written yet
    print("\ninterrupted (Ctrl-C) before anything was written", file=sys.stderr)
    sys.exit(130)

sys.exit(main())
