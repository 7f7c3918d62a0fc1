// Graphs loaded before articles stopped being entities: take the Entity label off Article nodes
// (every load runs this first; on a migrated graph it finds nothing).
MATCH (a:Article:Entity)
CALL (a) { REMOVE a:Entity } IN TRANSACTIONS OF 10000 ROWS
