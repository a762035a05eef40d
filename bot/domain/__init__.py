"""Pure domain rules: no I/O, no database, no platform. Unit-tested on their own."""
