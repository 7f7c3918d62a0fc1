"""The analysts' Cypher library: one `.cypher` file per query, values always as parameters."""
