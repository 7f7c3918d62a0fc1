// Delete a node and its relationships (a merged person split again: the load that follows
// writes its parts from their articles).
MATCH (n:Entity {id: $id})
DETACH DELETE n
