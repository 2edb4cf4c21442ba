"""Reference-data generator and timed scenarios (DESIGN.md §5). Not part of the test run."""
