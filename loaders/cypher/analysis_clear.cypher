// kg analyze --write: remove the measures of an earlier analysis, so no person keeps stale ones.
MATCH (p:Person) WHERE p.community IS NOT NULL
CALL (p) {
  REMOVE p.degree, p.degree_centrality, p.betweenness, p.eigenvector, p.community, p.communities_reached
} IN TRANSACTIONS OF 10000 ROWS
