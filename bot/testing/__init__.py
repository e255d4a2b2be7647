"""Reusable test helpers: a local fake Discord (REST + gateway on 127.0.0.1) and a loop-turn counter.

Used by the tests and the benchmarks; nothing in the bot itself imports this package."""
